import Metrics
import Testing

/// Hand-computed cases (the expected numbers are worked out in the comments).
@Suite struct ClassificationCurvesTests {
    @Test func cutoffsAre101HundredthsFromZeroToOne() {
        #expect(Cutoffs.standard.count == 101)
        #expect(Cutoffs.standard.first == 0 && Cutoffs.standard.last == 1)
        #expect(Cutoffs.standard[60] == 0.6 && Cutoffs.standard[7] == 0.07)
        #expect(zip(Cutoffs.standard.dropFirst(), Cutoffs.standard).allSatisfy { abs($0 - $1 - 0.01) < 1e-12 })
        #expect(Cutoffs.nearestIndex(to: 0.781) == 78 && Cutoffs.nearestIndex(to: 2) == 100)
    }

    @Test func handCaseCountsAndRates() throws {
        // positives 0.9 0.6 0.3, negatives 0.7 0.2 0.5; detected = strictly above the cutoff
        let curves = try ClassificationCurves(scores: .probabilities([0.9, 0.6, 0.3, 0.7, 0.2, 0.5]),
                                              labels: [true, true, true, false, false, false],
                                              cutoffs: [0, 0.5, 0.6, 1])
        // c=0: all detected. c=0.5: tp 0.9, 0.6; fp 0.7 (0.5 is not above). c=0.6: tp 0.9; fp 0.7. c=1: none.
        #expect(curves.truePositives == [3, 2, 1, 0])
        #expect(curves.falsePositives == [3, 1, 1, 0])
        #expect(curves.trueNegatives == [0, 2, 2, 3])
        #expect(curves.falseNegatives == [0, 1, 2, 3])
        expectClose(curves.recall, [1, 2.0 / 3, 1.0 / 3, 0])
        expectClose(curves.precision, [0.5, 2.0 / 3, 0.5, 1]) // 0/0 at c=1 → 1 by definition
        expectClose(curves.f1, [2.0 / 3, 2.0 / 3, 0.4, 0])
        expectClose(curves.accuracy, [0.5, 4.0 / 6, 0.5, 0.5])
        expectClose(curves.falsePositiveRate, [1, 1.0 / 3, 1.0 / 3, 0])
        expectClose(curves.falseNegativeRate, [0, 1.0 / 3, 2.0 / 3, 1])
    }

    @Test func rawOutputsUseTheDeviceThreshold() throws {
        // cutoff 0.5 → int(127.5) = 127: 128 detects, 127 does not; 200 (a negative) detects
        let half = try ClassificationCurves(scores: .deviceOutputs([128, 127, 200]), labels: [true, true, false],
                                            cutoffs: [0.5])
        #expect(half.truePositives == [1] && half.falseNegatives == [1] && half.falsePositives == [1])
        #expect(half.trueNegatives == [0])
        // cutoff 0.60 → int(0.6 × 255) = 153 (the product is exactly 153.0 in double precision)
        let sixty = try ClassificationCurves(scores: .deviceOutputs([153, 154]), labels: [true, true])
        #expect(sixty.recall[60] == 0.5)
        #expect(ModelScores.deviceOutputs([]).limit(cutoff: 0.5) == 127 && ModelScores.deviceOutputs([]).limit(cutoff: 0.97) == 247)
        #expect(ModelScores.deviceOutputs([]).limit(cutoff: Cutoffs.standard[60]) == 153 && ModelScores.deviceOutputs([]).limit(cutoff: 1, window: 3) == 765)
    }

    @Test func emptyClassesGiveTheDocumentedValues() throws {
        let negativesOnly = try ClassificationCurves(scores: .probabilities([0.2, 0.8]), labels: [false, false],
                                                     cutoffs: [0.5])
        #expect(negativesOnly.recall == [0] && negativesOnly.falseNegativeRate == [0])
        #expect(negativesOnly.falsePositiveRate == [0.5] && negativesOnly.precision == [0])
        let empty = try ClassificationCurves(scores: .probabilities([]), labels: [], cutoffs: [0.5])
        #expect(empty.accuracy == [0] && empty.precision == [1] && empty.f1 == [0])
        for values in [negativesOnly.recall, negativesOnly.precision, negativesOnly.f1, negativesOnly.accuracy] {
            #expect(!values.contains { $0.isNaN })
        }
    }

    @Test func mismatchedLengthsAreAnError() {
        #expect(throws: MetricsError.self) {
            try ClassificationCurves(scores: .probabilities([0.1, 0.2]), labels: [true])
        }
    }
}

func expectClose(_ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
                 sourceLocation: SourceLocation = #_sourceLocation)
{
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= tolerance * max(1, abs(e))) {
        Issue.record("index \(index): \(a) ≠ \(e)", sourceLocation: sourceLocation)
    }
}
