import Testing
@testable import ESPHome

/// The detection rule per release, on hand-made output sequences.
@Suite struct WakeWordDetectorTests {
    static func behaviour(_ major: Int, _ minor: Int) -> ReleaseBehaviour {
        ReleaseTable.behaviour(of: ESPHomeVersion(major, minor))!
    }

    /// Feeds `steps` feature steps, with an output every third one (stride 3); returns the detection steps.
    static func run(_ detector: inout WakeWordDetector, steps: Int, output: (Int) -> UInt8) -> [Int] {
        var detections: [Int] = []
        for step in 0 ..< steps {
            if detector.step(output: step % 3 == 2 ? output(step) : nil) {
                detections.append(step)
                detector.resetProbabilities()
            }
        }
        return detections
    }

    @Test func nothingFiresDuringTheFirstSecond() {
        var detector = WakeWordDetector(behaviour: Self.behaviour(2026, 6), probabilityCutoff: 0.5, slidingWindowSize: 5)
        let detections = Self.run(&detector, steps: 100, output: { _ in 255 })
        #expect(detections.isEmpty)
    }

    @Test func integerSumNeedsTheMeanStrictlyAboveTheQuantizedCutoff() {
        // cutoff 0.97 → int(247.35) = 247: a window mean of exactly 247 does not fire, 247.2 does.
        var exact = WakeWordDetector(behaviour: Self.behaviour(2025, 5), probabilityCutoff: 0.97, slidingWindowSize: 5)
        #expect(Self.run(&exact, steps: 300, output: { _ in 247 }).isEmpty)
        var above = WakeWordDetector(behaviour: Self.behaviour(2025, 5), probabilityCutoff: 0.97, slidingWindowSize: 5)
        var count = 0
        let fired = Self.run(&above, steps: 300) { _ in
            count += 1
            return count % 5 == 0 ? 248 : 247
        }
        #expect(!fired.isEmpty)
    }

    @Test func floatAverageDiffersFromTheIntegerRule() {
        // Mean 247.2: the float rule (247.2/255 > 0.97 is false) does not fire, the uint8 rule does.
        var count = 0
        let pattern: (Int) -> UInt8 = { _ in
            count += 1
            return count % 5 == 0 ? 248 : 247
        }
        var float = WakeWordDetector(behaviour: Self.behaviour(2024, 7), probabilityCutoff: 0.97, slidingWindowSize: 5)
        #expect(Self.run(&float, steps: 300, output: pattern).isEmpty)
    }

    @Test func aDetectionCanFireOnAStepWithoutInference() {
        // The counter reaches 0 on step 99 (no inference there); the output of step 98 is still untested.
        var detector = WakeWordDetector(behaviour: Self.behaviour(2025, 5), probabilityCutoff: 0.5, slidingWindowSize: 1)
        #expect(Self.run(&detector, steps: 100, output: { _ in 200 }) == [99])
    }

    @Test func theCounterRisesOnlyBelowTheCutoffFrom2025_6() {
        // Silence, then a constant high output: both fire on the first high output (step 152); after that
        // 2025.5's counter keeps rising and fires again 100 steps later, while 2025.6's stays frozen above
        // the cutoff, so it never fires again (and a model that starts high never fires at all).
        let pattern: (Int) -> UInt8 = { $0 < 150 ? 0 : 200 }
        var old = WakeWordDetector(behaviour: Self.behaviour(2025, 5), probabilityCutoff: 0.5, slidingWindowSize: 1)
        var new = WakeWordDetector(behaviour: Self.behaviour(2025, 6), probabilityCutoff: 0.5, slidingWindowSize: 1)
        #expect(Self.run(&old, steps: 400, output: pattern) == [152, 252, 352])
        #expect(Self.run(&new, steps: 400, output: pattern) == [152])
        var stuck = WakeWordDetector(behaviour: Self.behaviour(2025, 6), probabilityCutoff: 0.5, slidingWindowSize: 1)
        #expect(Self.run(&stuck, steps: 400, output: { _ in 200 }).isEmpty)
    }
}
