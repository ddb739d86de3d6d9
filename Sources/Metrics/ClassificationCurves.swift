/// Per-cutoff confusion counts and rates of one score per labelled clip (SPEC §5).
///
/// A clip is predicted a wake word at a cutoff when its score lies strictly above it (see `ModelScores`).
/// Ratios whose denominator is zero take fixed values instead of NaN: recall, false negative rate, false
/// positive rate, accuracy and F1 are 0; precision is 1 (no prediction was made, so none was wrong: the usual
/// start of a precision–recall curve).
public struct ClassificationCurves: Sendable, Equatable {
    public let cutoffs: [Double]
    public let truePositives: [Int]
    public let falsePositives: [Int]
    public let trueNegatives: [Int]
    public let falseNegatives: [Int]

    /// Counts the outcomes of `scores` against `labels` (true = wake word) at every cutoff.
    public init(scores: ModelScores, labels: [Bool], cutoffs: [Double] = Cutoffs.standard) throws(MetricsError) {
        guard scores.count == labels.count else {
            throw MetricsError.mismatchedLengths("\(scores.count) scores but \(labels.count) labels")
        }
        let values = scores.values
        var positives: [Double] = [], negatives: [Double] = []
        for (value, label) in zip(values, labels) {
            if label { positives.append(value) } else { negatives.append(value) }
        }
        positives.sort()
        negatives.sort()
        self.cutoffs = cutoffs
        var tp: [Int] = [], fp: [Int] = []
        for cutoff in cutoffs {
            let limit = scores.limit(cutoff: cutoff)
            tp.append(Self.countAbove(positives, limit))
            fp.append(Self.countAbove(negatives, limit))
        }
        truePositives = tp
        falsePositives = fp
        falseNegatives = tp.map { positives.count - $0 }
        trueNegatives = fp.map { negatives.count - $0 }
    }

    /// How many of the ascending `sorted` values lie strictly above `limit`.
    static func countAbove(_ sorted: [Double], _ limit: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] > limit { high = middle } else { low = middle + 1 }
        }
        return sorted.count - low
    }

    /// tp / (tp + fn): the share of wake words detected.
    public var recall: [Double] { ratios(truePositives, plus: falseNegatives, empty: 0) }
    /// tp / (tp + fp): the share of detections that were wake words.
    public var precision: [Double] { ratios(truePositives, plus: falsePositives, empty: 1) }
    /// fp / (fp + tn).
    public var falsePositiveRate: [Double] { ratios(falsePositives, plus: trueNegatives, empty: 0) }
    /// fn / (tp + fn) = 1 − recall (0 without positives).
    public var falseNegativeRate: [Double] { ratios(falseNegatives, plus: truePositives, empty: 0) }

    /// (tp + tn) / all clips.
    public var accuracy: [Double] {
        cutoffs.indices.map { index in
            let total = truePositives[index] + falsePositives[index] + trueNegatives[index] + falseNegatives[index]
            return total == 0 ? 0 : Double(truePositives[index] + trueNegatives[index]) / Double(total)
        }
    }

    /// Harmonic mean of precision and recall (0 when both are 0).
    public var f1: [Double] {
        zip(precision, recall).map { precision, recall in
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        }
    }

    private func ratios(_ numerator: [Int], plus other: [Int], empty: Double) -> [Double] {
        zip(numerator, other).map { part, rest in
            part + rest == 0 ? empty : Double(part) / Double(part + rest)
        }
    }
}
