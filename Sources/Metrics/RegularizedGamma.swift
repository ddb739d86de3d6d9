import Foundation

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), for a > 0 and x ≥ 0.
///
/// Q(k + 1, μ) is the chance that a Poisson count with mean μ is at most k, which is what the false-accept
/// bounds solve for. Below x = a + 1 the power series of P converges fast; above it the continued fraction
/// of Q does (evaluated with the modified Lentz method). Both are accurate to about 1e-14 relative.
enum RegularizedGamma {
    /// Q(a, x), the upper regularized incomplete gamma function.
    static func upper(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "regularized gamma needs a > 0 and x ≥ 0")
        if x == 0 { return 1 }
        if x < a + 1 { return 1 - lowerSeries(a, x) }
        return upperContinuedFraction(a, x)
    }

    /// P(a, x), the lower regularized incomplete gamma function.
    static func lower(_ a: Double, _ x: Double) -> Double {
        precondition(a > 0 && x >= 0, "regularized gamma needs a > 0 and x ≥ 0")
        if x == 0 { return 0 }
        if x < a + 1 { return lowerSeries(a, x) }
        return 1 - upperContinuedFraction(a, x)
    }

    /// log(x^a e^−x / Γ(a)), the factor both expansions share.
    private static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        a * log(x) - x - lgamma(a)
    }

    /// P(a, x) = x^a e^−x / Γ(a + 1) · Σₙ xⁿ / ((a + 1)…(a + n)).
    private static func lowerSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var denominator = a
        for _ in 0 ..< 100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * 1e-16 { break }
        }
        return min(sum * exp(logPrefactor(a, x)), 1)
    }

    /// Q(a, x) = x^a e^−x / Γ(a) · 1 / (x + 1 − a − 1·(1 − a) / (x + 3 − a − 2·(2 − a) / (x + 5 − a − …))).
    private static func upperContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for step in 1 ..< 100_000 {
            let index = Double(step)
            let numerator = -index * (index - a)
            b += 2
            d = numerator * d + b
            if abs(d) < tiny { d = tiny }
            c = b + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let change = d * c
            fraction *= change
            if abs(change - 1) < 1e-16 { break }
        }
        return min(exp(logPrefactor(a, x)) * fraction, 1)
    }
}
