/// A builtin operator code (schema.fbs `enum BuiltinOperator`). A struct rather than an enum so that codes
/// this code does not know are still representable; `description` is the schema's name (`CONV_2D`).
public struct BuiltinOperator: RawRepresentable, Hashable, Sendable, CustomStringConvertible, Comparable {
    public let rawValue: Int32

    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let add = BuiltinOperator(rawValue: 0)
    public static let averagePool2D = BuiltinOperator(rawValue: 1)
    public static let concatenation = BuiltinOperator(rawValue: 2)
    public static let conv2D = BuiltinOperator(rawValue: 3)
    public static let depthwiseConv2D = BuiltinOperator(rawValue: 4)
    public static let dequantize = BuiltinOperator(rawValue: 6)
    public static let fullyConnected = BuiltinOperator(rawValue: 9)
    public static let logistic = BuiltinOperator(rawValue: 14)
    public static let maxPool2D = BuiltinOperator(rawValue: 17)
    public static let mul = BuiltinOperator(rawValue: 18)
    public static let relu = BuiltinOperator(rawValue: 19)
    public static let reshape = BuiltinOperator(rawValue: 22)
    public static let softmax = BuiltinOperator(rawValue: 25)
    public static let custom = BuiltinOperator(rawValue: 32)
    public static let pad = BuiltinOperator(rawValue: 34)
    public static let mean = BuiltinOperator(rawValue: 40)
    public static let stridedSlice = BuiltinOperator(rawValue: 45)
    public static let pack = BuiltinOperator(rawValue: 83)
    public static let splitV = BuiltinOperator(rawValue: 102)
    public static let quantize = BuiltinOperator(rawValue: 114)
    /// The value older files store in `deprecated_builtin_code` for every code ≥ 127.
    public static let placeholderForGreaterOpCodes = BuiltinOperator(rawValue: 127)
    public static let callOnce = BuiltinOperator(rawValue: 129)
    public static let varHandle = BuiltinOperator(rawValue: 142)
    public static let readVariable = BuiltinOperator(rawValue: 143)
    public static let assignVariable = BuiltinOperator(rawValue: 144)

    /// The schema's name, e.g. `CONV_2D`; `BUILTIN_<n>` for a code the schema does not name.
    public var description: String { Self.names[rawValue] ?? "BUILTIN_\(rawValue)" }

    public static func < (lhs: BuiltinOperator, rhs: BuiltinOperator) -> Bool { lhs.description < rhs.description }
}
