import Metrics
import Testing

@Suite struct CurvesTests {
    @Test func averageViableRecallInterpolatesAtTwo() throws {
        // curve (0,0) (1,0.5) (4,1): recall at 2 FAH = 0.5 + 0.5/3 = 2/3
        // area = 1 × 0.25 + 1 × (0.5 + 2/3)/2 = 0.25 + 7/12 = 5/6 → / 2 = 5/12
        let value = try averageViableRecall(recall: [1, 0.5, 0], perHour: [4, 1, 0])
        #expect(abs(value - 5.0 / 12) < 1e-12)
    }

    @Test func averageViableRecallHoldsTheLastRecallBelowTwo() throws {
        // points (0,0) (0,0.6) (1,0.8), then held at 0.8 to 2: 0.7 + 0.8 = 1.5 → 0.75
        #expect(abs(try averageViableRecall(recall: [0.8, 0.6, 0], perHour: [1, 0, 0]) - 0.75) < 1e-12)
        #expect(abs(try averageViableRecall(recall: [1, 1, 0], perHour: [0, 0, 0]) - 1) < 1e-12)
    }

    @Test func averageViableRecallWithEveryPointBeyondTwo() throws {
        // only (4, 1): the line from (0,0) gives recall 0.5 at 2; area 0.5 → 0.25
        #expect(abs(try averageViableRecall(recall: [1], perHour: [4]) - 0.25) < 1e-12)
        #expect(try averageViableRecall(recall: [], perHour: []) == 0)
        #expect(throws: MetricsError.self) { try averageViableRecall(recall: [1], perHour: []) }
    }

    @Test func recallAtRatePicksMostRecallThenHighestCutoff() throws {
        let recall = [1.0, 0.9, 0.5, 0], rates = [3.0, 0.6, 0.4, 0], cutoffs = [0.0, 0.3, 0.6, 1]
        #expect(try recallAtRate(recall: recall, perHour: rates, target: 0.5, cutoffs: cutoffs) == (0.5, 0.6))
        #expect(try recallAtRate(recall: recall, perHour: rates, target: 0.6, cutoffs: cutoffs) == (0.9, 0.3))
        #expect(try recallAtRate(recall: recall, perHour: rates, target: 0, cutoffs: cutoffs) == (0, 1))
        #expect(try recallAtRate(recall: [1, 0.8], perHour: [3, 2], target: 1, cutoffs: [0.1, 0.2]) == (0, 0.2))
        // equal recall at several qualifying cutoffs: the highest keeps the most margin
        let tied = try recallAtRate(recall: [0.9, 0.8, 0.8, 0.8, 0.1], perHour: [2, 0, 0, 0, 0], target: 0.5,
                                    cutoffs: [0.1, 0.2, 0.3, 0.4, 0.5])
        #expect(tied == (0.8, 0.4))
    }

    @Test func rocAndPrecisionRecallPoints() throws {
        let roc = try CurvePoints.roc(recall: [1, 0.5, 0], perHour: [4, 1, 0])
        #expect(roc.x == [0, 1, 4] && roc.y == [1, 0.5, 0])
        let pr = try CurvePoints.precisionRecall(recall: [1, 0.5, 0], precision: [0.5, 0.8, 1])
        #expect(pr.x == [0, 0.5, 1] && pr.y == [1, 0.8, 0.5])
        // equal FAH: recall rising; equal recall: precision falling
        let steps = try CurvePoints.roc(recall: [0.7, 0.2, 0.4], perHour: [0, 0, 0])
        #expect(steps.y == [0.8, 0.6, 0.30000000000000004])
    }
}
