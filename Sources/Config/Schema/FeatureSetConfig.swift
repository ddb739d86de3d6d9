/// One entry of `training.feature_sets`: a feature store folder drawn from in training (SPEC §4).
public struct FeatureSetConfig: ConfigSection, Equatable {
    /// How a spectrogram longer than the model's window is cut.
    public enum TruncationStrategy: String, ConfigChoice {
        /// A random window.
        case random
        /// Keep the end (where the wake word sits).
        case truncateStart = "truncate_start"
        /// Keep the start.
        case truncateEnd = "truncate_end"
        /// Consecutive windows (long ambient audio, for false-accept estimation).
        case split
    }

    /// Name shown in logs (required).
    public var name = ""
    /// The feature set folder with `training/`, `validation/`, `testing/` (required).
    public var path = ""
    /// Relative chance that a batch item comes from this set.
    public var samplingWeight = 1.0
    /// Loss weight of this set's examples (times the phase's class weight).
    public var penaltyWeight = 1.0
    /// True for wake word sets (required).
    public var truth = false
    /// How long spectrograms are cut to the model window.
    public var truncationStrategy = TruncationStrategy.random

    public init() {}

    public init(name: String, path: String, samplingWeight: Double = 1, penaltyWeight: Double = 1, truth: Bool,
                truncationStrategy: TruncationStrategy = .random)
    {
        self.name = name
        self.path = path
        self.samplingWeight = samplingWeight
        self.penaltyWeight = penaltyWeight
        self.truth = truth
        self.truncationStrategy = truncationStrategy
    }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("name", \.name, required: true),
            .path("path", \.path, required: true),
            ConfigField("sampling_weight", \.samplingWeight, .atLeast(0)),
            ConfigField("penalty_weight", \.penaltyWeight, .atLeast(0)),
            ConfigField("truth", \.truth, required: true),
            ConfigField("truncation_strategy", \.truncationStrategy),
        ]
    }
}

/// `training.checkpoint_selection:` two-priority checkpoint selection (SPEC §5): until the minimization
/// metric reaches its target keep the lowest; then keep the highest maximization metric among those at target.
public struct CheckpointSelectionConfig: ConfigSection, Equatable {
    /// The metric that must reach its target first.
    public var minimizationMetric = "ambient_false_accepts_per_hour"
    /// Its target.
    public var targetMinimization = 0.5
    /// The metric maximised once the target is met.
    public var maximizationMetric = "average_viable_recall"

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("minimization_metric", \.minimizationMetric),
            ConfigField("target_minimization", \.targetMinimization),
            ConfigField("maximization_metric", \.maximizationMetric),
        ]
    }
}
