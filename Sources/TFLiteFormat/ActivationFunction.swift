/// A fused activation (schema.fbs `enum ActivationFunctionType : byte`). Unknown values stay representable.
public struct ActivationFunction: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int8
    public init(rawValue: Int8) { self.rawValue = rawValue }

    public static let none = ActivationFunction(rawValue: 0)
    public static let relu = ActivationFunction(rawValue: 1)
    public static let reluN1To1 = ActivationFunction(rawValue: 2)
    public static let relu6 = ActivationFunction(rawValue: 3)
    public static let tanh = ActivationFunction(rawValue: 4)
    public static let signBit = ActivationFunction(rawValue: 5)

    public var description: String {
        switch rawValue {
        case 0: "NONE"
        case 1: "RELU"
        case 2: "RELU_N1_TO_1"
        case 3: "RELU6"
        case 4: "TANH"
        case 5: "SIGN_BIT"
        default: "activation \(rawValue)"
        }
    }
}
