/// The probability cutoff a manifest ships with, chosen against the false-accept rate's 95 % upper bound rather
/// than its point estimate.
///
/// Rule, over the cutoffs inside `allowed` (a manifest's cutoff must lie strictly inside (0, 1)):
/// 1. keep the cutoffs whose upper bound is at or below the target;
/// 2. if none is, the ambient audio is too short (or the model accepts too much) to show the target: keep the
///    cutoffs with the smallest bound there is, i.e. the fewest false accepts, and say so (`meetsTarget`);
/// 3. among those kept, take the most recall, and on ties the highest cutoff (the most margin against false
///    accepts the audio did not happen to contain, at no cost in measured recall).
public struct CutoffChoice: Sendable, Equatable {
    /// Index of the chosen cutoff in the rates' cutoffs.
    public let index: Int
    public let cutoff: Double
    /// Recall on the labelled test clips at the cutoff.
    public let recall: Double
    /// False accepts counted at the cutoff, the point estimate per hour, and its upper bound per hour.
    public let falseAccepts: Int
    public let perHour: Double
    public let upperBound: Double
    /// The false-accept rate the choice aimed at.
    public let target: Double
    /// Whether the upper bound at the cutoff is at or below the target.
    public let meetsTarget: Bool

    /// Cutoffs a manifest may carry.
    public static let manifestRange: ClosedRange<Double> = 0.01 ... 0.99

    public init(recall: [Double], rates: FalseAcceptRates, target: Double,
                allowed: ClosedRange<Double> = manifestRange) throws(MetricsError)
    {
        guard recall.count == rates.cutoffs.count else {
            throw MetricsError.mismatchedLengths("\(recall.count) recall values but \(rates.cutoffs.count) cutoffs")
        }
        let bounds = rates.upperBounds
        let candidates = rates.cutoffs.indices.filter { allowed.contains(rates.cutoffs[$0]) }
        guard let smallest = candidates.map({ bounds[$0] }).min() else {
            throw MetricsError.noCutoffInRange(allowed)
        }
        var kept = candidates.filter { bounds[$0] <= target }
        let meets = !kept.isEmpty
        if !meets { kept = candidates.filter { bounds[$0] == smallest } }
        // `kept` is not empty: `smallest` is one of the candidates' bounds.
        let best = bestRecallIndex(recall: recall, cutoffs: rates.cutoffs, among: kept) ?? candidates[0]
        index = best
        cutoff = rates.cutoffs[best]
        self.recall = recall[best]
        falseAccepts = rates.counts[best]
        perHour = rates.perHour[best]
        upperBound = bounds[best]
        self.target = target
        meetsTarget = meets
    }
}
