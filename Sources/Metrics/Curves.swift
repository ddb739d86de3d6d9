/// A curve's points in plotting order.
public struct CurvePoints: Sendable, Equatable {
    public let x: [Double]
    public let y: [Double]

    public init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }

    /// Per-cutoff (FAH, recall) pairs sorted by FAH, then recall, so vertical steps come out rising.
    static func recallByRate(recall: [Double], perHour: [Double]) throws(MetricsError) -> CurvePoints {
        guard recall.count == perHour.count else {
            throw MetricsError.mismatchedLengths("\(recall.count) recall values but \(perHour.count) FAH values")
        }
        let order = recall.indices.sorted { (perHour[$0], recall[$0]) < (perHour[$1], recall[$1]) }
        return CurvePoints(x: order.map { perHour[$0] }, y: order.map { recall[$0] })
    }

    /// The wake word ROC: false accepts per hour (x) against false rejection rate = 1 − recall (y), sorted by
    /// FAH. Pass `FalseAcceptRates.perHour` or `.upperBounds` as `perHour`.
    public static func roc(recall: [Double], perHour: [Double]) throws(MetricsError) -> CurvePoints {
        let points = try recallByRate(recall: recall, perHour: perHour)
        return CurvePoints(x: points.x, y: points.y.map { 1 - $0 })
    }

    /// Precision (y) against recall (x), sorted by recall, then by precision descending.
    public static func precisionRecall(recall: [Double], precision: [Double]) throws(MetricsError) -> CurvePoints {
        guard recall.count == precision.count else {
            throw MetricsError.mismatchedLengths("\(recall.count) recall values but \(precision.count) precision values")
        }
        let order = recall.indices.sorted { (recall[$0], -precision[$0]) < (recall[$1], -precision[$1]) }
        return CurvePoints(x: order.map { recall[$0] }, y: order.map { precision[$0] })
    }
}
