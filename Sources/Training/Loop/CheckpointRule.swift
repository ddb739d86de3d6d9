import Metrics

/// Which evaluation's weights training keeps (SPEC §5, `Metrics.CheckpointSelection`), by metric names from
/// the configuration's `checkpoint_selection` (`ambient_false_accepts_per_hour`, `average_viable_recall`,
/// `loss`, `recall`, …).
public struct CheckpointRule: Sendable, Equatable {
    public var minimizationMetric: String
    public var targetMinimization: Double
    public var maximizationMetric: String

    public init(minimizationMetric: String = "ambient_false_accepts_per_hour", targetMinimization: Double = 0.5,
                maximizationMetric: String = "average_viable_recall")
    {
        self.minimizationMetric = minimizationMetric
        self.targetMinimization = targetMinimization
        self.maximizationMetric = maximizationMetric
    }

    /// Without ambient audio there is no false-accept rate: keep the lowest validation loss.
    public static let withoutAmbient = CheckpointRule(minimizationMetric: "loss", targetMinimization: -1,
                                                      maximizationMetric: "loss")

    /// The metric names a rule may use.
    public static let metricNames = [
        "ambient_false_accepts_per_hour", "average_viable_recall", "loss", "recall", "precision", "accuracy", "f1",
        "false_positive_rate",
    ]

    func score(_ record: EvaluationRecord) -> CheckpointSelection.Score {
        CheckpointSelection.Score(minimization: record[minimizationMetric], maximization: record[maximizationMetric])
    }

    /// Whether `candidate` should replace `incumbent` as the kept evaluation.
    public func isBetter(_ candidate: EvaluationRecord, than incumbent: EvaluationRecord?) -> Bool {
        CheckpointSelection(targetMinimization: targetMinimization)
            .isBetter(score(candidate), than: incumbent.map(score))
    }
}
