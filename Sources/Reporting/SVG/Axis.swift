import Foundation

/// One axis of a chart: what it shows, over which values, on which scale, and how ticks read.
public struct Axis: Sendable {
    public var label: String
    public var domain: ClosedRange<Double>
    public var scale: AxisScale
    /// Tick labels: multiplied by this before printing (100 for a fraction shown in percent).
    public var tickMultiplier: Double
    /// Text after each tick label ("%" for percent).
    public var tickSuffix: String
    /// Explicit ticks (nil: from the scale).
    public var ticks: [Double]?

    public init(_ label: String, domain: ClosedRange<Double>, scale: AxisScale = .linear,
                tickMultiplier: Double = 1, tickSuffix: String = "", ticks: [Double]? = nil)
    {
        self.label = label
        self.domain = domain
        self.scale = scale
        self.tickMultiplier = tickMultiplier
        self.tickSuffix = tickSuffix
        self.ticks = ticks
    }

    /// A fraction in [0, 1] shown as 0 … 100 %.
    public static func percent(_ label: String) -> Axis {
        Axis(label, domain: 0 ... 1, tickMultiplier: 100, tickSuffix: " %", ticks: stride(from: 0, through: 1, by: 0.2).map { $0 })
    }

    /// Where `value` lies along the axis: 0 at the domain's start, 1 at its end (outside the domain: beyond).
    public func fraction(of value: Double) -> Double {
        let low = scale.transform(domain.lowerBound), high = scale.transform(domain.upperBound)
        guard high > low else { return 0.5 }
        return (scale.transform(value) - low) / (high - low)
    }

    /// The ticks drawn.
    public var tickValues: [Double] {
        (ticks ?? scale.ticks(in: domain)).filter { domain.contains($0) }
    }

    /// A tick's label: shortest plain decimal, at most three decimals.
    public func tickLabel(_ value: Double) -> String {
        Self.format(value * tickMultiplier) + tickSuffix
    }

    /// A number as short plain text: 0, 0.5, 12, 1500, 0.001 (up to three decimals, no exponent).
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
