/// The `mining:` section of the configuration file, described by `summary` and `fields`.
public struct MiningConfig: ConfigSection, Equatable {
    public var threshold = 0.5
    public var fineTuneSteps = 500
    public var learningRate = 0.0005
    public var samplingWeight = 5.0
    public var penaltyWeight = 1.0
    public var rounds = 2
    public var maximumNewPerRound = 2000

    public init() {}

    public static let summary = "Hard negative mining rounds."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("threshold", \.threshold, .strictlyBetween(0, 1),
                        doc: "Probability above which a negative window counts as a hard negative."),
            ConfigField("fine_tune_steps", \.fineTuneSteps, .atLeast(1),
                        doc: "Fine-tuning steps after each round."),
            ConfigField("learning_rate", \.learningRate, .greaterThan(0),
                        doc: "Learning rate of the fine-tuning."),
            ConfigField("sampling_weight", \.samplingWeight, .atLeast(0),
                        doc: "Sampling weight of the mined feature set."),
            ConfigField("penalty_weight", \.penaltyWeight, .atLeast(0),
                        doc: "Penalty weight of the mined feature set."),
            ConfigField("rounds", \.rounds, .atLeast(1),
                        doc: "Rounds when `wakesmith mine` gets no `--rounds`."),
            ConfigField("max_new_per_round", \.maximumNewPerRound, .atLeast(1),
                        doc: "Most hard-negative windows one round adds (the highest-scoring are kept)."),
        ]
    }
}
