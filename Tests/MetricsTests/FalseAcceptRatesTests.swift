import Metrics
import Support
import Testing

@Suite struct FalseAcceptRatesTests {
    @Test func handCaseWithCooldown() throws {
        let one = ModelScores.probabilities([0.9, 0.1, 0.8, 0.9, 0.1, 0.95])
        let two = ModelScores.probabilities([0.6, 0.6])
        let cutoffs = [0.5, 0.92, 1.0]
        // cool-down 2: an accept at i blocks i+1, i+2.
        // c=0.5: stream one crosses at 0,2,3,5 → accept 0, (2 blocked), 3, (5 blocked) = 2; stream two: 0, (1) = 1
        // c=0.92: only step 5 (0.95) = 1. c=1.0: none. Over 0.5 h: 3/0.5 = 6, 1/0.5 = 2, 0.
        let rates = try FalseAcceptRates(streams: [one, two], hours: 0.5,
                                         counting: FalseAcceptCounting(cooldownSteps: 2), cutoffs: cutoffs)
        #expect(rates.counts == [3, 1, 0])
        expectClose(rates.perHour, [6, 2, 0])
        #expect(FalseAcceptCounting(cooldownSteps: 2).acceptSteps(in: one, cutoff: 0.5) == [0, 3])
        // no cool-down: every crossing counts: 4 + 2 = 6 at c=0.5 → 12/h
        let free = try FalseAcceptRates(streams: [one, two], hours: 0.5,
                                        counting: FalseAcceptCounting(cooldownSteps: 0), cutoffs: cutoffs)
        #expect(free.perHour[0] == 12)
    }

    @Test func slidingWindowOnFloatsAndWithTheDeviceRule() {
        let counting = FalseAcceptCounting(cooldownSteps: 75, slidingWindow: 2)
        // window 2 (zero before the start): means 0.4 0.4 0.4 0.8 0.4 → one accept above 0.5
        #expect(counting.counts(in: [.probabilities([0.8, 0, 0.8, 0.8, 0])], cutoffs: [0.5]) == [1])
        // sums 200 200 200 400 200 against 127 × 2 = 254
        #expect(counting.counts(in: [.deviceOutputs([200, 0, 200, 200, 0])], cutoffs: [0.5]) == [1])
        // device: mean 127.5 > int(127.5) = 127 → accept; float: 127.5 / 255 = 0.5 is not above 0.5
        #expect(counting.counts(in: [.deviceOutputs([128, 127])], cutoffs: [0.5]) == [1])
        #expect(counting.counts(in: [.probabilities([128.0 / 255, 127.0 / 255])], cutoffs: [0.5]) == [0])
        #expect(ModelScores.deviceOutputs([1, 2, 3, 4]).windowSums(3) == [1, 3, 6, 9])
    }

    @Test func matchesAStepByStepDeviceLoop() {
        var generator = SeededGenerator(seed: 3)
        let streams = [500, 37, 1200].map { length in
            ModelScores.deviceOutputs((0 ..< length).map { _ in UInt8(generator.integer(in: 0 ... 255)) })
        }
        let cutoffs = stride(from: 0, to: 101, by: 7).map { Cutoffs.standard[$0] }
        var expected: [Int] = []
        for cutoff in cutoffs { // the reference's counter loop in device integers, window 3, cool-down 20
            var total = 0
            for case .deviceOutputs(let stream) in streams {
                var since = Int.max / 2, ring = [0, 0, 0]
                for value in stream {
                    ring = Array(ring.dropFirst()) + [Int(value)]
                    since += 1
                    if ring.reduce(0, +) > Int(cutoff * 255) * 3, since > 20 {
                        total += 1
                        since = 0
                    }
                }
            }
            expected.append(total)
        }
        #expect(FalseAcceptCounting(cooldownSteps: 20, slidingWindow: 3).counts(in: streams, cutoffs: cutoffs) == expected)
    }

    @Test func ratesCarryHoursAndUpperBounds() throws {
        let rates = try FalseAcceptRates(cutoffs: [0.1, 0.5, 0.9], counts: [10, 1, 0], hours: 2)
        expectClose(rates.perHour, [5, 0.5, 0])
        // Garwood 95 %: 18.390 for 10, 5.5716 for 1, 3.6889 for 0 (scipy: chi2.ppf(0.975, 2k + 2) / 2)
        expectClose(rates.upperBounds, [18.39035604201778 / 2, 5.571643390938898 / 2, 3.6888794541139354 / 2],
                    tolerance: 1e-9)
        #expect(abs(rates.smallestDemonstrableRate - 1.8444397270569677) < 1e-9)
        #expect(abs(rates.hoursNeeded(toShow: 0.5) - 7.377758908227871) < 1e-9)
        let none = try FalseAcceptRates(cutoffs: [0.5], counts: [0], hours: 0)
        #expect(none.perHour == [0] && none.upperBounds == [.infinity])
        #expect(throws: MetricsError.negativeHours(-1)) {
            try FalseAcceptRates(cutoffs: [0.5], counts: [0], hours: -1)
        }
    }
}
