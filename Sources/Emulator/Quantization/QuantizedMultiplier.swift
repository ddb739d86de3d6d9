import Foundation

/// A real multiplier as TFLite Micro stores it: a Q31 significand in [2^30, 2^31) and a power-of-two
/// exponent (`QuantizeMultiplier` in `quantization_util.cc`).
public struct QuantizedMultiplier: Hashable, Sendable {
    public var multiplier: Int32
    /// A power-of-two exponent: positive shifts left.
    public var shift: Int32

    public init(multiplier: Int32, shift: Int32) {
        self.multiplier = multiplier
        self.shift = shift
    }

    /// Quantizes `real` exactly as `QuantizeMultiplier`: frexp, round half away from zero of q·2^31, the
    /// 2^31 carry, and flushing exponents below −31 to zero. Nil for a value TFLM cannot represent (not
    /// finite, or an exponent above 31 that its shifts cannot apply).
    public init?(_ real: Double) {
        guard real.isFinite else { return nil }
        if real == 0 {
            self.init(multiplier: 0, shift: 0)
            return
        }
        let (fraction, exponent) = frexp(real)
        var fixed = Int64((fraction * Double(Int64(1) << 31)).rounded(.toNearestOrAwayFromZero))
        var shift = exponent
        if fixed == Int64(1) << 31 {
            fixed /= 2
            shift += 1
        }
        if shift < -31 {
            shift = 0
            fixed = 0
        }
        guard shift <= 31 else { return nil }
        self.init(multiplier: Int32(fixed), shift: Int32(shift))
    }

    /// Applies the multiplier to `x` (`MultiplyByQuantizedMultiplier`).
    @inline(__always)
    public func apply(_ x: Int32) -> Int32 {
        multiplyByQuantizedMultiplier(x, multiplier, shift)
    }
}
