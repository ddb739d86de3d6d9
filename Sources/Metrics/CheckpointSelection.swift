/// Two-priority checkpoint selection (SPEC §5).
///
/// Among evaluations whose minimization metric (e.g. false accepts per hour) is at or below the target, keep the
/// one with the highest maximization metric (e.g. average viable recall); until the target is met, keep the
/// one with the lowest minimization metric. Ties keep the earlier evaluation. A metric that could not be
/// measured (nil or NaN: say, no ambient audio) never meets the target and ranks last.
public struct CheckpointSelection: Sendable, Equatable {
    /// The value the minimization metric must reach (at or below) before the maximization metric counts.
    public var targetMinimization: Double

    public init(targetMinimization: Double) {
        self.targetMinimization = targetMinimization
    }

    /// The two numbers one evaluation is judged by.
    public struct Score: Sendable, Equatable {
        public var minimization: Double?
        public var maximization: Double?

        public init(minimization: Double?, maximization: Double?) {
            self.minimization = minimization
            self.maximization = maximization
        }
    }

    /// Whether the evaluation's minimization metric was measured and is at or below the target.
    public func meetsTarget(_ score: Score) -> Bool {
        guard let value = measured(score.minimization) else { return false }
        return value <= targetMinimization
    }

    /// Whether `candidate` should replace `incumbent` (nil: nothing kept yet) as the kept checkpoint.
    public func isBetter(_ candidate: Score, than incumbent: Score?) -> Bool {
        guard let incumbent else { return true }
        let candidateMeets = meetsTarget(candidate), incumbentMeets = meetsTarget(incumbent)
        if candidateMeets != incumbentMeets { return candidateMeets }
        if candidateMeets {
            guard let new = measured(candidate.maximization) else { return false }
            guard let old = measured(incumbent.maximization) else { return true }
            return new > old
        }
        guard let new = measured(candidate.minimization) else { return false }
        guard let old = measured(incumbent.minimization) else { return true }
        return new < old
    }

    /// The index of the evaluation to keep from a history (nil when it is empty).
    public func best(in history: [Score]) -> Int? {
        var kept: Int?
        for (index, score) in history.enumerated() where isBetter(score, than: kept.map { history[$0] }) {
            kept = index
        }
        return kept
    }

    private func measured(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }
}
