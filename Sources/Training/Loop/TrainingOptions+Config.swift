import Config
import Features
import Support

extension MixedNetArchitecture {
    /// The `model:` section.
    public init(_ model: ModelConfig) {
        self.init(stride: model.stride, firstConvFilters: model.firstConvFilters,
                  firstConvKernelSize: model.firstConvKernelSize,
                  blocks: model.pointwiseFilters.indices.map { index in
                      Block(filters: model.pointwiseFilters[index], repeats: model.repeatInBlock[index],
                            kernelSizes: model.mixconvKernelSizes[index], residual: model.residualConnection[index])
                  },
                  headFrames: model.headFrames, pooled: model.pooled, spatialAttention: model.spatialAttention,
                  batchNormMomentum: Float(model.batchNormMomentum))
    }
}

extension TrainingOptions {
    /// The run a configuration describes (`model:`, `training:`, `evaluation.cooldown_steps`).
    public init(_ config: WakesmithConfig) {
        let training = config.training
        let phases = training.phases.map { phase in
            TrainingSchedule.Phase(
                steps: phase.steps, learningRate: Float(phase.learningRate),
                batch: BatchSettings(positiveWeight: Float(phase.positiveClassWeight),
                                     negativeWeight: Float(phase.negativeClassWeight),
                                     specAugment: SpecAugment(timeMaskCount: phase.timeMaskCount,
                                                              timeMaskMaxSize: phase.timeMaskMaxSize,
                                                              frequencyMaskCount: phase.frequencyMaskCount,
                                                              frequencyMaskMaxSize: phase.frequencyMaskMaxSize)))
        }
        let selection = training.checkpointSelection
        self.init(architecture: MixedNetArchitecture(config.model), batchSize: training.batchSize,
                  schedule: TrainingSchedule(phases), evaluateEvery: training.evaluateEvery,
                  checkpointEvery: training.checkpointEvery, seed: UInt64(truncatingIfNeeded: training.seed),
                  runDirectory: training.runDirectory,
                  checkpointRule: CheckpointRule(minimizationMetric: selection.minimizationMetric,
                                                 targetMinimization: selection.targetMinimization,
                                                 maximizationMetric: selection.maximizationMetric),
                  cooldownSteps: config.evaluation.cooldownSteps)
    }
}

extension FeatureSetDescription {
    /// One entry of `training.feature_sets`.
    public init(_ set: FeatureSetConfig) {
        self.init(name: set.name, folder: set.path, samplingWeight: set.samplingWeight, penaltyWeight: set.penaltyWeight,
                  truth: set.truth, truncation: TruncationStrategy(rawValue: set.truncationStrategy.rawValue) ?? .random)
    }
}

extension Trainer {
    /// The trainer for a configuration, its feature stores opened; errors say which store is missing.
    public init(config: WakesmithConfig) throws {
        var sets: [FeatureSet] = []
        for entry in config.training.featureSets {
            let description = FeatureSetDescription(entry)
            let set = try FeatureSet(description: description)
            if set.training == nil, entry.samplingWeight > 0 {
                throw TrainingError.data(
                    "feature set '\(entry.name)' has no training store under \(entry.path)/training",
                    hint: "run `wakesmith features --config …` first (or fix its path in training.feature_sets)")
            }
            sets.append(set)
        }
        for name in [config.training.checkpointSelection.minimizationMetric, config.training.checkpointSelection.maximizationMetric]
            where !CheckpointRule.metricNames.contains(name)
        {
            throw TrainingError.configuration(
                "training.checkpoint_selection names the metric '\(name)', which training does not measure",
                hint: "use one of " + CheckpointRule.metricNames.joined(separator: ", "))
        }
        self.init(options: TrainingOptions(config), featureSets: sets)
    }
}
