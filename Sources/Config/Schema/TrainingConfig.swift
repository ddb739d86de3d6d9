/// The `training:` section of the configuration file, described by `summary` and `fields`.
public struct TrainingConfig: ConfigSection, Equatable {
    /// The Keras backend the Python reference trains with (nil: `KERAS_BACKEND` or tensorflow).
    public enum Backend: String, ConfigChoice {
        case tensorflow, jax, torch
    }

    public var batchSize = 128
    public var trainingSteps = [10000]
    public var learningRates = [0.001]
    public var positiveClassWeight = [1.0]
    public var negativeClassWeight = [20.0]
    public var timeMaskMaxSize = [0]
    public var timeMaskCount = [0]
    public var frequencyMaskMaxSize = [0]
    public var frequencyMaskCount = [0]
    public var evaluateEvery = 500
    public var checkpointEvery = 500
    public var featureSets: [FeatureSetConfig] = []
    public var checkpointSelection = CheckpointSelectionConfig()
    public var mixedPrecision = false
    public var backend: Backend?
    public var runDirectory = "work/run"
    public var seed = 42

    public init() {}

    public static let summary = "Step-based training in phases. Every per-phase list has one entry per phase "
        + "(the length of `training_steps`)."

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
            ConfigField("batch_size", \.batchSize, .atLeast(1),
                        doc: "Examples per step."),
            ConfigField("training_steps", \.trainingSteps,
                        doc: "Steps of each phase."),
            ConfigField("learning_rates", \.learningRates,
                        doc: "Adam learning rate of each phase."),
            ConfigField("positive_class_weight", \.positiveClassWeight,
                        doc: "Loss weight of positives in each phase."),
            ConfigField("negative_class_weight", \.negativeClassWeight,
                        doc: "Loss weight of negatives in each phase."),
            ConfigField("time_mask_max_size", \.timeMaskMaxSize,
                        doc: "SpecAugment: longest time mask (frames) in each phase."),
            ConfigField("time_mask_count", \.timeMaskCount,
                        doc: "SpecAugment: time masks per example in each phase."),
            ConfigField("freq_mask_max_size", \.frequencyMaskMaxSize,
                        doc: "SpecAugment: widest frequency mask (channels) in each phase."),
            ConfigField("freq_mask_count", \.frequencyMaskCount,
                        doc: "SpecAugment: frequency masks per example in each phase."),
            ConfigField("eval_every", \.evaluateEvery, .atLeast(1),
                        doc: "Evaluate on validation and validation_ambient every N steps."),
            ConfigField("checkpoint_every", \.checkpointEvery, .atLeast(1),
                        doc: "Save resumable state every N steps."),
            ConfigField("feature_sets", \.featureSets,
                        doc: "The feature sets batches are drawn from."),
            ConfigField("checkpoint_selection", \.checkpointSelection,
                        doc: "Two-priority checkpoint selection."),
            ConfigField("mixed_precision", \.mixedPrecision,
                        doc: "Python reference only: train in mixed float16 (GPU)."),
            ConfigField("backend", \.backend,
                        doc: "Python reference only: the Keras backend."),
            .path("run_dir", \.runDirectory,
                  doc: "Checkpoints, logs, TensorBoard events and the best weights."),
            ConfigField("seed", \.seed,
                        doc: "Seed of batch sampling and initialisation."),
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
