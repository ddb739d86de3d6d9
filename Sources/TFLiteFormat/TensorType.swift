/// The element type of a tensor (schema.fbs `enum TensorType : byte`). A struct rather than an enum so that
/// a value this code does not know is still representable (and reported by name when known).
public struct TensorType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int8

    public init(rawValue: Int8) { self.rawValue = rawValue }

    public static let float32 = TensorType(rawValue: 0)
    public static let float16 = TensorType(rawValue: 1)
    public static let int32 = TensorType(rawValue: 2)
    public static let uint8 = TensorType(rawValue: 3)
    public static let int64 = TensorType(rawValue: 4)
    public static let string = TensorType(rawValue: 5)
    public static let bool = TensorType(rawValue: 6)
    public static let int16 = TensorType(rawValue: 7)
    public static let complex64 = TensorType(rawValue: 8)
    public static let int8 = TensorType(rawValue: 9)
    public static let float64 = TensorType(rawValue: 10)
    public static let complex128 = TensorType(rawValue: 11)
    public static let uint64 = TensorType(rawValue: 12)
    public static let resource = TensorType(rawValue: 13)
    public static let variant = TensorType(rawValue: 14)
    public static let uint32 = TensorType(rawValue: 15)
    public static let uint16 = TensorType(rawValue: 16)
    public static let int4 = TensorType(rawValue: 17)
    public static let bfloat16 = TensorType(rawValue: 18)

    private static let names: [Int8: String] = [
        0: "float32", 1: "float16", 2: "int32", 3: "uint8", 4: "int64", 5: "string", 6: "bool", 7: "int16",
        8: "complex64", 9: "int8", 10: "float64", 11: "complex128", 12: "uint64", 13: "resource", 14: "variant",
        15: "uint32", 16: "uint16", 17: "int4", 18: "bfloat16", 19: "int2", 20: "uint4", 21: "float8_e4m3fn",
        22: "float8_e5m2",
    ]

    /// Bytes per element as TFLite Micro counts them (`TfLiteTypeSizeOf`: a resource handle is 4 bytes,
    /// int4 is stored one value per byte), or nil for a type TFLM cannot size.
    public var byteSize: Int? {
        switch rawValue {
        case 1, 7, 16, 18: 2
        case 0, 2, 13, 15: 4
        case 3, 6, 9, 17: 1
        case 4, 10, 12: 8
        case 8: 8
        case 11: 16
        default: nil
        }
    }

    public var description: String { Self.names[rawValue] ?? "type \(rawValue)" }
}
