import Foundation
import Metrics
import TestSupport
import Testing

@Suite struct PoissonRateBoundTests {
    @Test func zeroEventsHaveTheClosedFormBound() {
        // P(X = 0; μ) = e^−μ = 0.025 → μ = ln 40
        #expect(abs(PoissonRateBound.garwood95.upperLimit(count: 0) - log(40)) < 1e-12)
        #expect(abs(PoissonRateBound(upperTail: 0.05).upperLimit(count: 0) - log(20)) < 1e-12)
        #expect(PoissonRateBound.garwood95.confidenceLabel == "95 %")
    }

    @Test func boundLeavesExactlyTheTailBelowTheCount() {
        // At the limit μ, P(X ≤ k) must equal the tail: sum the Poisson probabilities directly for small k.
        for count in [1, 2, 5, 12] {
            let mean = PoissonRateBound.garwood95.upperLimit(count: count)
            var term = exp(-mean), total = term
            for index in stride(from: 1, through: count, by: 1) {
                term *= mean / Double(index)
                total += term
            }
            #expect(abs(total - 0.025) < 1e-12, "count \(count): P(X ≤ k) = \(total)")
        }
    }

    @Test func matchesScipyChiSquareQuantiles() throws {
        let fixture = try MetricsReference.load()
        for (count, expected) in zip(fixture.poisson.counts, fixture.poisson.upperLimits) {
            let value = PoissonRateBound.garwood95.upperLimit(count: count)
            #expect(abs(value - expected) <= 1e-9 * expected, "count \(count): \(value) vs \(expected)")
        }
        let oneSided = PoissonRateBound(upperTail: 0.05)
        for (count, expected) in zip(fixture.poisson.counts, fixture.poisson.oneSided95) {
            #expect(abs(oneSided.upperLimit(count: count) - expected) <= 1e-9 * expected)
        }
    }

    @Test func boundsGrowWithTheCount() {
        let limits = (0 ..< 200).map { PoissonRateBound.garwood95.upperLimit(count: $0) }
        #expect(zip(limits.dropFirst(), limits).allSatisfy { $0 > $1 })
        #expect(zip(limits, 0...).allSatisfy { limit, count in limit > Double(count) })
    }
}
