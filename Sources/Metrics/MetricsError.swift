/// Inputs a metric cannot be computed from.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    /// Two inputs that need one value each per item (or per cutoff) differ in length.
    case mismatchedLengths(String)
    /// Negative hours of audio.
    case negativeHours(Double)
    /// No cutoff lies in the range a choice may pick from.
    case noCutoffInRange(ClosedRange<Double>)

    public var description: String {
        switch self {
        case .mismatchedLengths(let detail): "metric inputs differ in length: \(detail)"
        case .negativeHours(let hours): "hours of audio must be at least 0, got \(hours)"
        case .noCutoffInRange(let range): "no cutoff lies within \(range.lowerBound)…\(range.upperBound)"
        }
    }
}
