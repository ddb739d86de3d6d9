/// `training:` step-based training in phases. Every per-phase list has one entry per phase (the length of
/// `training_steps`); `phases` gives them grouped.
public struct TrainingConfig: ConfigSection, Equatable {
    /// The Keras backend the Python reference trains with (nil: `KERAS_BACKEND` or tensorflow).
    public enum Backend: String, ConfigChoice {
        case tensorflow, jax, torch
    }

    /// Examples per step.
    public var batchSize = 128
    /// Steps of each phase.
    public var trainingSteps = [10000]
    /// Adam learning rate of each phase.
    public var learningRates = [0.001]
    /// Loss weight of positives in each phase.
    public var positiveClassWeight = [1.0]
    /// Loss weight of negatives in each phase.
    public var negativeClassWeight = [20.0]
    /// SpecAugment: longest time mask (frames) in each phase.
    public var timeMaskMaxSize = [0]
    /// SpecAugment: time masks per example in each phase.
    public var timeMaskCount = [0]
    /// SpecAugment: widest frequency mask (channels) in each phase.
    public var frequencyMaskMaxSize = [0]
    /// SpecAugment: frequency masks per example in each phase.
    public var frequencyMaskCount = [0]
    /// Evaluate on validation and validation_ambient every N steps.
    public var evaluateEvery = 500
    /// Save resumable state every N steps.
    public var checkpointEvery = 500
    /// The feature sets batches are drawn from.
    public var featureSets: [FeatureSetConfig] = []
    /// Two-priority checkpoint selection.
    public var checkpointSelection = CheckpointSelectionConfig()
    /// Python reference only: train in mixed float16 (GPU).
    public var mixedPrecision = false
    /// Python reference only: the Keras backend.
    public var backend: Backend?
    /// Checkpoints, logs, TensorBoard events and the best weights.
    public var runDirectory = "work/run"
    /// Seed of batch sampling and initialisation.
    public var seed = 42

    public init() {}

    /// The YAML keys of the per-phase lists besides `training_steps` (each needs one entry per phase).
    public static let perPhaseKeys = [
        "learning_rates", "positive_class_weight", "negative_class_weight", "time_mask_max_size",
        "time_mask_count", "freq_mask_max_size", "freq_mask_count",
    ]

    /// The phases with their settings side by side (valid once the configuration has loaded).
    public var phases: [TrainingPhase] {
        trainingSteps.indices.map { index in
            TrainingPhase(steps: trainingSteps[index], learningRate: learningRates[index],
                          positiveClassWeight: positiveClassWeight[index], negativeClassWeight: negativeClassWeight[index],
                          timeMaskMaxSize: timeMaskMaxSize[index], timeMaskCount: timeMaskCount[index],
                          frequencyMaskMaxSize: frequencyMaskMaxSize[index], frequencyMaskCount: frequencyMaskCount[index])
        }
    }

    /// Steps of all phases together.
    public var totalSteps: Int { trainingSteps.reduce(0, +) }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("batch_size", \.batchSize, .atLeast(1)),
            ConfigField("training_steps", \.trainingSteps),
            ConfigField("learning_rates", \.learningRates),
            ConfigField("positive_class_weight", \.positiveClassWeight),
            ConfigField("negative_class_weight", \.negativeClassWeight),
            ConfigField("time_mask_max_size", \.timeMaskMaxSize),
            ConfigField("time_mask_count", \.timeMaskCount),
            ConfigField("freq_mask_max_size", \.frequencyMaskMaxSize),
            ConfigField("freq_mask_count", \.frequencyMaskCount),
            ConfigField("eval_every", \.evaluateEvery, .atLeast(1)),
            ConfigField("checkpoint_every", \.checkpointEvery, .atLeast(1)),
            ConfigField("feature_sets", \.featureSets),
            ConfigField("checkpoint_selection", \.checkpointSelection),
            ConfigField("mixed_precision", \.mixedPrecision),
            ConfigField("backend", \.backend),
            .path("run_dir", \.runDirectory),
            ConfigField("seed", \.seed),
        ]
    }

    public func validate(into report: inout SectionReport) {
        let phases = trainingSteps.count
        let lengths = [
            learningRates.count, positiveClassWeight.count, negativeClassWeight.count, timeMaskMaxSize.count,
            timeMaskCount.count, frequencyMaskMaxSize.count, frequencyMaskCount.count,
        ]
        for (key, count) in zip(Self.perPhaseKeys, lengths) where count != phases {
            report.problem("must have one entry per phase (\(phases)), got \(count)", key: key)
        }
    }
}

/// One training phase's settings, taken from the per-phase lists of `TrainingConfig`.
public struct TrainingPhase: Equatable, Sendable {
    public var steps: Int
    public var learningRate: Double
    public var positiveClassWeight: Double
    public var negativeClassWeight: Double
    public var timeMaskMaxSize: Int
    public var timeMaskCount: Int
    public var frequencyMaskMaxSize: Int
    public var frequencyMaskCount: Int
}
