/// A section of the configuration file, described by `summary` and `fields`.
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

    public var name = ""
    public var path = ""
    public var samplingWeight = 1.0
    public var penaltyWeight = 1.0
    public var truth = false
    public var truncationStrategy = TruncationStrategy.random

    public init() {}

    public static let summary = "One entry of `training.feature_sets`: a feature store folder drawn from in "
        + "training."

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
            ConfigField("name", \.name, required: true,
                        doc: "Name shown in logs."),
            .path("path", \.path, required: true,
                  doc: "The feature set folder with `training/`, `validation/`, `testing/`."),
            ConfigField("sampling_weight", \.samplingWeight, .atLeast(0),
                        doc: "Relative chance that a batch item comes from this set."),
            ConfigField("penalty_weight", \.penaltyWeight, .atLeast(0),
                        doc: "Loss weight of this set's examples (times the phase's class weight)."),
            ConfigField("truth", \.truth, required: true,
                        doc: "True for wake word sets."),
            ConfigField("truncation_strategy", \.truncationStrategy,
                        doc: "How long spectrograms are cut to the model window."),
        ]
    }
}

/// The `training.checkpoint_selection:` section of the configuration file, described by `summary` and `fields`.
public struct CheckpointSelectionConfig: ConfigSection, Equatable {
    public var minimizationMetric = "ambient_false_accepts_per_hour"
    public var targetMinimization = 0.5
    public var maximizationMetric = "average_viable_recall"

    public init() {}

    public static let summary = "Two-priority checkpoint selection: until the minimization metric "
        + "reaches its target keep the lowest; then keep the highest maximization metric "
        + "among those at target."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("minimization_metric", \.minimizationMetric,
                        doc: "The metric that must reach its target first."),
            ConfigField("target_minimization", \.targetMinimization,
                        doc: "Its target."),
            ConfigField("maximization_metric", \.maximizationMetric,
                        doc: "The metric maximised once the target is met."),
        ]
    }
}
