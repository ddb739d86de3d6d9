/// A convolution or pooling padding mode (schema.fbs `enum Padding : byte`). Unknown values stay
/// representable; TFLite Micro treats them as "unknown" padding (no padding).
public struct Padding: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int8
    public init(rawValue: Int8) { self.rawValue = rawValue }

    public static let same = Padding(rawValue: 0)
    public static let valid = Padding(rawValue: 1)

    public var description: String {
        switch rawValue {
        case 0: "SAME"
        case 1: "VALID"
        default: "padding \(rawValue)"
        }
    }
}
