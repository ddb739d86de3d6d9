import Reporting

/// The false-accepts-per-hour axis every evaluation plot shares: symmetric log, linear below 0.1 per hour, so
/// 0, the target and thousands per hour are all readable.
enum RateAxis {
    static let linearBelow = 0.1

    /// An axis reaching past the largest finite value (at least 10 per hour), up to the next power of ten.
    static func axis(_ label: String, values: [Double]) -> Axis {
        let largest = values.filter(\.isFinite).max() ?? 0
        var top = 10.0
        while top < largest { top *= 10 }
        return Axis(label, domain: 0 ... top, scale: .symmetricLog(linearBelow: linearBelow))
    }
}
