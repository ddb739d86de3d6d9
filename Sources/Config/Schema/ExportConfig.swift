/// The `export:` section of the configuration file, described by `summary` and `fields`.
public struct ExportConfig: ConfigSection, Equatable {
    public var outputDirectory = "work/model"
    public var modelName = "wake_word"
    public var representativeSamples = 500
    public var arenaMargin = 0.10
    public var slidingWindowSize = 5
    public var probabilityCutoff = 0.5
    public var agreementMaxClips: Int? = 2000

    public init() {}

    public static let summary = "The streaming int8 TFLite model and its V2 manifest."

    public static var fields: [ConfigField<Self>] {
        [
            .path("output_dir", \.outputDirectory,
                  doc: "Where `NAME.tflite` and `NAME.json` are written."),
            ConfigField("model_name", \.modelName,
                        doc: "File name stem of the model and manifest."),
            ConfigField("representative_samples", \.representativeSamples, .atLeast(1),
                        doc: "Strides of training features used to calibrate int8 quantization."),
            ConfigField("arena_margin", \.arenaMargin, .atLeast(0),
                        doc: "Fraction added to the measured minimal tensor arena."),
            ConfigField("sliding_window_size", \.slidingWindowSize, .atLeast(1),
                        doc: "The manifest's `sliding_window_size`: outputs the device averages."),
            ConfigField("probability_cutoff", \.probabilityCutoff, .strictlyBetween(0, 1),
                        doc: "The manifest's `probability_cutoff` until `eval` chooses one."),
            ConfigField("agreement_max_clips", \.agreementMaxClips, .atLeast(1),
                        doc: "Test clips of the float-versus-int8 agreement check (null: all)."),
        ]
    }
}
