/// `mining:` hard negative mining rounds.
public struct MiningConfig: ConfigSection, Equatable {
    /// Probability above which a negative window counts as a hard negative.
    public var threshold = 0.5
    /// Fine-tuning steps after each round.
    public var fineTuneSteps = 500
    /// Learning rate of the fine-tuning.
    public var learningRate = 0.0005
    /// Sampling weight of the mined feature set.
    public var samplingWeight = 5.0
    /// Penalty weight of the mined feature set.
    public var penaltyWeight = 1.0
    /// Rounds when `wakesmith mine` gets no `--rounds`.
    public var rounds = 2
    /// Most hard-negative windows one round adds (the highest-scoring are kept).
    public var maximumNewPerRound = 2000

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("threshold", \.threshold, .strictlyBetween(0, 1)),
            ConfigField("fine_tune_steps", \.fineTuneSteps, .atLeast(1)),
            ConfigField("learning_rate", \.learningRate, .greaterThan(0)),
            ConfigField("sampling_weight", \.samplingWeight, .atLeast(0)),
            ConfigField("penalty_weight", \.penaltyWeight, .atLeast(0)),
            ConfigField("rounds", \.rounds, .atLeast(1)),
            ConfigField("max_new_per_round", \.maximumNewPerRound, .atLeast(1)),
        ]
    }
}
