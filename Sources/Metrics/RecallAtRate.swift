/// The most recall among cutoffs whose rate is at or below `target`, and the cutoff that gives it.
///
/// Among cutoffs with that same recall the highest is chosen: it buys the most margin against false accepts
/// the ambient audio did not happen to contain, at no cost in measured recall. With the strict rule the cutoff
/// 1.0 never accepts, so some cutoff qualifies whenever 1.0 is among the cutoffs; when none does, the result
/// is recall 0 at the highest cutoff. `perHour` may be point estimates or upper bounds; `CutoffChoice`
/// applies this to the bounds.
public func recallAtRate(recall: [Double], perHour: [Double], target: Double,
                         cutoffs: [Double] = Cutoffs.standard) throws(MetricsError) -> (recall: Double, cutoff: Double)
{
    guard recall.count == perHour.count, recall.count == cutoffs.count else {
        throw MetricsError.mismatchedLengths(
            "\(recall.count) recall values, \(perHour.count) rates, \(cutoffs.count) cutoffs")
    }
    guard let best = bestRecallIndex(recall: recall, cutoffs: cutoffs,
                                     among: cutoffs.indices.filter { perHour[$0] <= target })
    else {
        return (0, cutoffs.max() ?? 1)
    }
    return (recall[best], cutoffs[best])
}

/// Among `candidates`, the index with the most recall, the highest cutoff on ties; nil when there are none.
func bestRecallIndex(recall: [Double], cutoffs: [Double], among candidates: [Int]) -> Int? {
    candidates.max { (recall[$0], cutoffs[$0]) < (recall[$1], cutoffs[$1]) }
}
