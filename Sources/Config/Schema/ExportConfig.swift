/// `export:` the streaming int8 TFLite model and its V2 manifest.
public struct ExportConfig: ConfigSection, Equatable {
    /// Where `NAME.tflite` and `NAME.json` are written.
    public var outputDirectory = "work/model"
    /// File name stem of the model and manifest.
    public var modelName = "wake_word"
    /// Strides of training features used to calibrate int8 quantization.
    public var representativeSamples = 500
    /// Fraction added to the measured minimal tensor arena.
    public var arenaMargin = 0.10
    /// The manifest's `sliding_window_size`: outputs the device averages.
    public var slidingWindowSize = 5
    /// The manifest's `probability_cutoff` until `eval` chooses one.
    public var probabilityCutoff = 0.5
    /// Test clips of the float-versus-int8 agreement check (nil: all).
    public var agreementMaxClips: Int? = 2000

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            .path("output_dir", \.outputDirectory),
            ConfigField("model_name", \.modelName),
            ConfigField("representative_samples", \.representativeSamples, .atLeast(1)),
            ConfigField("arena_margin", \.arenaMargin, .atLeast(0)),
            ConfigField("sliding_window_size", \.slidingWindowSize, .atLeast(1)),
            ConfigField("probability_cutoff", \.probabilityCutoff, .strictlyBetween(0, 1)),
            ConfigField("agreement_max_clips", \.agreementMaxClips, .atLeast(1)),
        ]
    }
}
