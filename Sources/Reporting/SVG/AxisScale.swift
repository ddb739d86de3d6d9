import Foundation

/// How values map to positions along an axis.
public enum AxisScale: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; the domain must be positive.
    case logarithmic
    /// Linear from 0 up to `linearBelow`, logarithmic above it, so 0 and thousands share one axis
    /// (false accepts per hour run from 0 to thousands). Values below 0 are drawn at 0.
    case symmetricLog(linearBelow: Double)

    /// The value in the scale's straight coordinate, where positions are linear.
    public func transform(_ value: Double) -> Double {
        switch self {
        case .linear:
            return value
        case .logarithmic:
            return log10(max(value, .leastNormalMagnitude))
        case .symmetricLog(let threshold):
            let value = max(value, 0)
            return value <= threshold ? value / threshold : 1 + log10(value / threshold)
        }
    }

    /// Tick values within `domain`, about `count` of them on a linear scale.
    public func ticks(in domain: ClosedRange<Double>, count: Int = 6) -> [Double] {
        switch self {
        case .linear:
            return Self.linearTicks(domain, count: count)
        case .logarithmic:
            let low = Int(floor(log10(max(domain.lowerBound, .leastNormalMagnitude)) + 1e-9))
            let high = Int(ceil(log10(max(domain.upperBound, .leastNormalMagnitude)) - 1e-9))
            let powers = (low ... max(low, high)).map { pow(10, Double($0)) }.filter { domain.contains($0) }
            if powers.count >= 2 { return powers }
            return Self.linearTicks(domain, count: count)
        case .symmetricLog(let threshold):
            var ticks = [0.0]
            var value = threshold
            while value <= domain.upperBound * (1 + 1e-9) {
                if value >= domain.lowerBound { ticks.append(value) }
                value *= 10
            }
            return ticks.filter { $0 >= domain.lowerBound }
        }
    }

    /// Ticks at 1, 2 or 5 times a power of ten, about `count` of them.
    static func linearTicks(_ domain: ClosedRange<Double>, count: Int) -> [Double] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else { return [domain.lowerBound] }
        let rough = span / Double(max(count, 1))
        let power = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= rough } ?? 10 * power
        var ticks: [Double] = []
        var index = ceil(domain.lowerBound / step - 1e-9)
        while index * step <= domain.upperBound + step * 1e-9 {
            let value = index * step
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            index += 1
        }
        return ticks
    }
}
