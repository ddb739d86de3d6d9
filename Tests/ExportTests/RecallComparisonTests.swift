import Testing
@testable import Export

/// The float-versus-int8 recall at the target rate, scored as `eval` scores the device.
@Suite struct RecallComparisonTests {
    typealias Outputs = FloatInt8Agreement.ClipOutputs

    /// A clip whose outputs are `value` from inference `from` on (`count` inferences), both sides alike.
    static func clip(_ value: UInt8, from: Int = 0, count: Int = 60) -> Outputs {
        let int8 = (0 ..< count).map { $0 >= from ? value : 0 }
        return Outputs(float: int8.map { Float($0) / 255 }, int8: int8)
    }

    static let scoring = RecallComparison.Scoring(targetPerHour: 0.5, slidingWindow: 5, cooldownSteps: 75, ignoreFrames: 100, stride: 3)

    @Test func equalOutputsGiveEqualRecall() throws {
        // 4 wake-word clips scoring 250, 200, 150, 60; 4 others at 20; ambient with one burst at 180.
        let labelled = [Self.clip(250), Self.clip(200), Self.clip(150), Self.clip(60)] + (0 ..< 4).map { _ in Self.clip(20) }
        let labels = [true, true, true, true, false, false, false, false]
        var ambient = Self.clip(10, count: 12000)
        for i in 5000 ..< 5010 { ambient.int8[i] = 180; ambient.float[i] = 180 / 255 }
        let comparison = try RecallComparison(labelled: labelled, labels: labels, ambient: ambient, ambientFrames: 36000,
                                              scoring: Self.scoring)
        #expect(comparison.positives == 4 && comparison.negatives == 4)
        #expect(abs(comparison.ambientHours - 0.1) < 1e-9)
        // No false accept is allowed at 0.5/h in 0.1 h: the cutoff must be at or above the burst (180/255 = 0.706).
        #expect(comparison.int8.recall == 0.5 && comparison.float.recall == 0.5)
        // Recall 1/2 from int(c × 255) = 181 (0.71) up to 198 (0.78): the highest of those cutoffs.
        #expect(comparison.int8.cutoff == 0.78 && comparison.float.cutoff == 0.78 && comparison.int8.falseAccepts == 0)
        #expect(comparison.passed && comparison.difference == 0)
        #expect(comparison.summary.contains("float 50.00 %") && comparison.summary.contains("(ok)"))
        #expect(comparison.json["passed"] == .bool(true))
    }

    @Test func theStartOfEachClipCannotTrigger() throws {
        // Inference j ends at frame 3(j + 1): with 100 frames ignored the first eligible inference is 33.
        // `early` is loud only before the window of inference 33 (29 … 33) starts.
        let early = Outputs(float: (0 ..< 60).map { $0 < 29 ? 1 : 0 }, int8: (0 ..< 60).map { $0 < 29 ? 255 : 0 })
        let late = Self.clip(255, from: 29) // a full window of 255 ends at inference 33
        let ambient = Self.clip(0, count: 3000)
        let comparison = try RecallComparison(labelled: [early, late], labels: [true, true], ambient: ambient,
                                              ambientFrames: 9000, scoring: Self.scoring)
        #expect(comparison.float.recall == 0.5 && comparison.int8.recall == 0.5)
    }

    @Test func aQuantizationLossShowsAsARecallDifference() throws {
        // The int8 model loses the two weakest wake words (its outputs sink to 100); the float one keeps them.
        var labelled = [Self.clip(250), Self.clip(240), Self.clip(230), Self.clip(220)]
        labelled += (0 ..< 4).map { _ in Self.clip(5) }
        labelled[2].int8 = labelled[2].int8.map { min($0, 100) }
        labelled[3].int8 = labelled[3].int8.map { min($0, 100) }
        var ambient = Self.clip(10, count: 3000)
        for i in 100 ..< 110 { ambient.int8[i] = 150; ambient.float[i] = 150 / 255 }
        let comparison = try RecallComparison(labelled: labelled, labels: [true, true, true, true, false, false, false, false],
                                              ambient: ambient, ambientFrames: 9000, scoring: Self.scoring)
        #expect(comparison.float.recall == 1 && comparison.int8.recall == 0.5)
        #expect(!comparison.passed && abs(comparison.difference - 0.5) < 1e-12)
        #expect(comparison.summary.contains("MORE than 2 points apart"))
    }

    @Test func mismatchedLabelsAreRefused() {
        #expect(throws: (any Error).self) {
            try RecallComparison(labelled: [Self.clip(1)], labels: [], ambient: Self.clip(0), ambientFrames: 180, scoring: Self.scoring)
        }
    }
}
