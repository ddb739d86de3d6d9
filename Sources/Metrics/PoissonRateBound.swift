import Foundation

/// An exact upper confidence limit for the mean of a Poisson count, the uncertainty of a false-accept rate.
///
/// Given k false accepts, the upper limit is the mean μ at which seeing k or fewer would be as unlikely as
/// `upperTail`: P(X ≤ k; μ) = upperTail, equivalently μ = ½ χ²(1 − upperTail; 2k + 2) (Garwood, 1936).
/// wakesmith uses the upper end of Garwood's exact two-sided 95 % interval (`upperTail` 0.025): zero false
/// accepts in H hours bound the rate at 3.689 / H per hour, one at 5.572 / H, ten at 18.39 / H.
public struct PoissonRateBound: Sendable, Equatable {
    /// The chance, at the limit, of a count at most the one observed.
    public let upperTail: Double

    /// The upper end of the exact two-sided 95 % interval (a one-sided 97.5 % bound).
    public static let garwood95 = PoissonRateBound(upperTail: 0.025)

    /// A bound for an upper tail in (0, 1); `.garwood95` is what wakesmith reports.
    public init(upperTail: Double) {
        self.upperTail = min(max(upperTail, 1e-12), 1 - 1e-12)
    }

    /// How the bound reads in a report, e.g. "95 %".
    public var confidenceLabel: String {
        let percent = (1 - 2 * upperTail) * 100
        return percent == percent.rounded() ? "\(Int(percent)) %" : String(format: "%.1f %%", percent)
    }

    /// The upper limit of the Poisson mean after observing `count` events (count ≥ 0).
    public func upperLimit(count: Int) -> Double {
        let k = Double(max(count, 0))
        let shape = k + 1
        // P(X ≤ k; μ) = Q(k + 1, μ), falling from 1 at μ = 0: bracket the root, then Newton kept inside it.
        func excess(_ mean: Double) -> Double { RegularizedGamma.upper(shape, mean) - upperTail }
        var low = 0.0
        var high = max(k + 10 * (k + 1).squareRoot() + 10, 1)
        while excess(high) > 0 { high *= 2 }
        var mean = k + 1
        for _ in 0 ..< 200 {
            let value = excess(mean)
            if value > 0 { low = mean } else { high = mean }
            // d/dμ Q(k + 1, μ) = −μᵏ e^−μ / k!
            let slope = -exp(k * log(mean) - mean - lgamma(k + 1))
            var next = slope < 0 ? mean - value / slope : .nan
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - mean) <= 1e-13 * max(mean, 1) { return next }
            mean = next
            if high - low <= 1e-13 * max(mean, 1) { break }
        }
        return mean
    }
}
