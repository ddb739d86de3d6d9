import Metrics
import Testing

@Suite struct CheckpointSelectionTests {
    let rule = CheckpointSelection(targetMinimization: 0.5)

    func score(_ rate: Double?, _ recall: Double?) -> CheckpointSelection.Score {
        .init(minimization: rate, maximization: recall)
    }

    @Test func lowestMinimizationUntilTheTargetThenHighestMaximization() {
        let history = [
            score(5.0, 0.9), // 0: first
            score(3.0, 0.2), // 1: lower FAH wins while no target is met (recall ignored)
            score(4.0, 0.99), // 2: higher FAH: no
            score(0.5, 0.3), // 3: meets the target (at the target counts): wins
            score(0.1, 0.25), // 4: lower FAH but lower recall: no (target met, recall decides)
            score(0.7, 0.95), // 5: misses the target: never replaces a target-meeting one
            score(0.4, 0.6), // 6: meets the target with higher recall: wins
            score(0.2, 0.6), // 7: a tie on recall keeps the earlier
        ]
        #expect((0 ..< history.count).map { rule.best(in: Array(history[...$0])) } == [0, 1, 1, 3, 3, 3, 6, 6])
    }

    @Test func unmeasuredMetricsRankLast() {
        #expect(!rule.isBetter(score(nil, 0.9), than: score(10, 0.1)))
        #expect(!rule.isBetter(score(.nan, 0.9), than: score(10, 0.1)))
        #expect(rule.isBetter(score(10, 0.1), than: score(nil, 0.9)))
        #expect(rule.isBetter(score(nil, 0.9), than: nil))
        #expect(rule.best(in: []) == nil)
        #expect(!rule.meetsTarget(score(.nan, 1)))
    }
}
