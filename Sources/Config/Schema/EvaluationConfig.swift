/// The `evaluation:` section of the configuration file, described by `summary` and `fields`.
public struct EvaluationConfig: ConfigSection, Equatable {
    public var targetFalseAcceptsPerHour = 0.5
    public var cooldownSteps = 75
    public var reportDirectory = "work/report"
    public var clipIgnoreFrames = 100
    public var agreementClips = 20

    public init() {}

    public static let summary = "Metrics and the choice of cutoff."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("target_false_accepts_per_hour", \.targetFalseAcceptsPerHour, .greaterThan(0),
                        doc: "False accepts per hour used to choose the cutoff and for the headline."),
            ConfigField("cooldown_steps", \.cooldownSteps, .atLeast(0),
                        doc: "Inferences after a false accept during which no other one counts."),
            .path("report_dir", \.reportDirectory,
                  doc: "Where `metrics.json`, plots and `report.md` go."),
            ConfigField("clip_ignore_frames", \.clipIgnoreFrames, .atLeast(0),
                        doc: "Feature frames at the start of each test clip that cannot trigger (the device's "
                             + "start-up suppression)."),
            ConfigField("agreement_clips", \.agreementClips, .atLeast(0),
                        doc: "Test clips run on both engines to show they agree."),
        ]
    }
}
