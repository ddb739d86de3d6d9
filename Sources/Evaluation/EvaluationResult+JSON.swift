import Metrics
import Support

extension EvaluationResult {
    /// What `metrics.json` holds: the headline, the choice with its evidence, and every per-cutoff array.
    ///
    /// Keys of the Python reference are kept (`headline`, `chosen_cutoff`, `false_accepts_per_hour`, …); the
    /// uncertainty adds `ambient_hours`, `false_accepts`, `false_accepts_per_hour_upper_bound` and their raw-output
    /// twins, `confidence`, `target_met` and `ambient_hours_needed_for_target`.
    public var json: JSONValue {
        let c = classification
        let roc = (try? CurvePoints.roc(recall: c.recall, perHour: windowRates.perHour)) ?? CurvePoints(x: [], y: [])
        let pr = (try? CurvePoints.precisionRecall(recall: c.recall, precision: c.precision)) ?? CurvePoints(x: [], y: [])
        let target = settings.targetFalseAcceptsPerHour
        return .object([
            ("headline", .string(headline)),
            ("evidence", .string(evidence)),
            ("chosen_cutoff", .number(choice.cutoff)),
            ("target_false_accepts_per_hour", .number(target)),
            ("recall_at_target", .number(choice.recall)),
            ("target_met", .bool(choice.meetsTarget)),
            ("confidence", .string(windowRates.bound.confidenceLabel)),
            ("cutoff_rule", .string("most recall whose false-accept rate's upper bound is at or below the target; "
                    + "highest cutoff on ties; the fewest false accepts when no cutoff meets the target")),
            ("false_accepts_at_cutoff", .integer(choice.falseAccepts)),
            ("false_accepts_per_hour_at_cutoff", .number(choice.perHour)),
            ("false_accepts_per_hour_upper_bound_at_cutoff", Self.number(choice.upperBound)),
            ("point_estimate_claim", .object([("recall", .number(pointEstimateClaim.recall)),
                                              ("cutoff", .number(pointEstimateClaim.cutoff))])),
            ("operating_points", .object(operatingPoints.map { point in
                (String(format: "%g", point.target), .object([
                    ("recall", .number(point.recall)), ("false_rejection_rate", .number(1 - point.recall)),
                    ("cutoff", .number(point.cutoff)), ("false_accepts", .integer(point.falseAccepts)),
                    ("false_accepts_per_hour", .number(point.perHour)),
                    ("false_accepts_per_hour_upper_bound", Self.number(point.upperBound)),
                    ("target_met", .bool(point.meetsTarget)),
                ]))
            })),
            ("average_viable_recall", .number(averageViableRecall)),
            ("average_viable_recall_raw", .number(averageViableRecallRaw)),
            ("ambient_hours", .number(windowRates.hours)),
            ("ambient_recordings", .integer(ambientRecordings)),
            ("ambient_hours_needed_for_target", Self.number(windowRates.hoursNeeded(toShow: target))),
            ("sliding_window_size", .integer(settings.slidingWindow)),
            ("cooldown_steps", .integer(settings.cooldownSteps)),
            ("clip_ignore_frames", .integer(settings.clipIgnoreFrames)),
            ("clip_counts", .object(clipCounts.map { ($0.set, .integer($0.count)) })),
            ("missed_positives_at_cutoff", .integer(missedPositiveCount)),
            ("notes", .array(notes.map { .string($0) })),
            ("cutoffs", Self.numbers(cutoffs)),
            ("false_accepts", Self.integers(windowRates.counts)),
            ("false_accepts_per_hour", Self.numbers(windowRates.perHour)),
            ("false_accepts_per_hour_upper_bound", Self.numbers(windowRates.upperBounds)),
            ("false_accepts_raw", Self.integers(rawRates.counts)),
            ("false_accepts_per_hour_raw", Self.numbers(rawRates.perHour)),
            ("false_accepts_per_hour_raw_upper_bound", Self.numbers(rawRates.upperBounds)),
            ("recall", Self.numbers(c.recall)),
            ("precision", Self.numbers(c.precision)),
            ("f1", Self.numbers(c.f1)),
            ("accuracy", Self.numbers(c.accuracy)),
            ("false_positive_rate", Self.numbers(c.falsePositiveRate)),
            ("false_negative_rate", Self.numbers(c.falseNegativeRate)),
            ("tp", Self.integers(c.truePositives)),
            ("fp", Self.integers(c.falsePositives)),
            ("tn", Self.integers(c.trueNegatives)),
            ("fn", Self.integers(c.falseNegatives)),
            ("roc", .object([("false_accepts_per_hour", Self.numbers(roc.x)), ("false_rejection_rate", Self.numbers(roc.y))])),
            ("pr", .object([("recall", Self.numbers(pr.x)), ("precision", Self.numbers(pr.y))])),
        ])
    }

    /// A number, or null when it is not finite (an upper bound without audio).
    static func number(_ value: Double) -> JSONValue { value.isFinite ? .number(value) : .null }
    static func numbers(_ values: [Double]) -> JSONValue { .array(values.map(number)) }
    static func integers(_ values: [Int]) -> JSONValue { .array(values.map { .integer($0) }) }
}
