/// The whole configuration file: one section per stage. `WakesmithConfig()` is the built-in defaults;
/// `ConfigLoader` reads a file into it.
public struct WakesmithConfig: ConfigSection, Equatable {
    public var wakeWord = WakeWordConfig()
    public var dataset = DatasetConfig()
    public var features = FeaturesConfig()
    public var model = ModelConfig()
    public var training = TrainingConfig()
    public var export = ExportConfig()
    public var evaluation = EvaluationConfig()
    public var mining = MiningConfig()
    public var synth = SynthConfig()

    public init() {}

    public static let summary = "The configuration file (`config.yaml`): one section per stage. Every key may be "
        + "left out and takes the default shown; `wakesmith init` writes a preset's file to start from."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("wake_word", \.wakeWord,
                        doc: "What the manifest says about the model."),
            ConfigField("dataset", \.dataset,
                        doc: "The audio folder and how files are checked and split."),
            ConfigField("features", \.features,
                        doc: "Augmentation and the device frontend: audio into feature stores (`wakesmith features`)."),
            ConfigField("model", \.model,
                        doc: "The network's shape."),
            ConfigField("training", \.training,
                        doc: "Training phases and the feature sets batches come from (`wakesmith train`)."),
            ConfigField("export", \.export,
                        doc: "The streaming int8 model and its manifest (`wakesmith export`)."),
            ConfigField("evaluation", \.evaluation,
                        doc: "Metrics, report and the choice of `probability_cutoff` (`wakesmith eval`)."),
            ConfigField("mining", \.mining,
                        doc: "Hard negative mining (`wakesmith mine`)."),
            ConfigField("synth", \.synth,
                        doc: "What `wakesmith synth --config` makes."),
        ]
    }
}
