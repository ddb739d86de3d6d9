/// `evaluation:` metrics and the choice of cutoff (SPEC §5).
public struct EvaluationConfig: ConfigSection, Equatable {
    /// False accepts per hour used to choose the cutoff and for the headline.
    public var targetFalseAcceptsPerHour = 0.5
    /// Inferences after a false accept during which no other one counts.
    public var cooldownSteps = 75
    /// Where `metrics.json`, plots and `report.md` go.
    public var reportDirectory = "work/report"
    /// Feature frames at the start of each test clip that cannot trigger (the device's start-up suppression).
    public var clipIgnoreFrames = 100
    /// Test clips run on both engines to show they agree.
    public var agreementClips = 20

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("target_false_accepts_per_hour", \.targetFalseAcceptsPerHour, .greaterThan(0)),
            ConfigField("cooldown_steps", \.cooldownSteps, .atLeast(0)),
            .path("report_dir", \.reportDirectory),
            ConfigField("clip_ignore_frames", \.clipIgnoreFrames, .atLeast(0)),
            ConfigField("agreement_clips", \.agreementClips, .atLeast(0)),
        ]
    }
}
