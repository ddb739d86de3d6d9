import TFLiteFormat

/// The clamp range of a quantized output with a fused activation (`CalculateActivationRangeQuantized`):
/// the type's range, narrowed to the quantized images of 0 (RELU), 0…6 (RELU6) or −1…1 (RELU_N1_TO_1),
/// each computed as `zero point + round(float(value) / scale)` in float as TFLM does.
public struct ActivationRange: Hashable, Sendable {
    public var minimum: Int32
    public var maximum: Int32

    public init(minimum: Int32, maximum: Int32) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The range for an output of `type` with `scale` and `zeroPoint`, or nil when TFLM's Prepare fails
    /// (an output type without a quantized range, or a bound that overflows int32).
    public init?(_ activation: ActivationFunction, type: TensorType, scale: Float, zeroPoint: Int32) {
        let (low, high): (Int32, Int32)
        switch type {
        case .uint8: (low, high) = (0, 255)
        case .int8: (low, high) = (-128, 127)
        case .int16: (low, high) = (-32768, 32767)
        default: return nil
        }
        func quantize(_ value: Float) -> Int32? {
            let scaled = (value / scale).rounded(.toNearestOrAwayFromZero)
            guard scaled >= Float(Int32.min), scaled <= Float(Int32.max), !scaled.isNaN else { return nil }
            // Converting 2^31 (the float nearest Int32.max) would trap; TFLM's cast of it is out of range too.
            guard scaled < 2_147_483_648 else { return nil }
            return zeroPoint &+ Int32(scaled)
        }
        switch activation {
        case .relu:
            guard let zero = quantize(0) else { return nil }
            self.init(minimum: max(low, zero), maximum: high)
        case .relu6:
            guard let zero = quantize(0), let six = quantize(6) else { return nil }
            self.init(minimum: max(low, zero), maximum: min(high, six))
        case .reluN1To1:
            guard let minusOne = quantize(-1), let one = quantize(1) else { return nil }
            self.init(minimum: max(low, minusOne), maximum: min(high, one))
        default:
            self.init(minimum: low, maximum: high)
        }
    }

    @inline(__always)
    public func clamp(_ value: Int32) -> Int32 { min(max(value, minimum), maximum) }
}
