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

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("wake_word", \.wakeWord),
            ConfigField("dataset", \.dataset),
            ConfigField("features", \.features),
            ConfigField("model", \.model),
            ConfigField("training", \.training),
            ConfigField("export", \.export),
            ConfigField("evaluation", \.evaluation),
            ConfigField("mining", \.mining),
            ConfigField("synth", \.synth),
        ]
    }
}
