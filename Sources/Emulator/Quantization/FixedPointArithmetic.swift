// The integer primitives TFLite Micro's int8 kernels are built from (gemmlowp `fixedpoint.h`, TFLite
// `kernels/internal/common.h`), reproduced operation for operation. Where the C code would overflow a
// signed integer (undefined behaviour, two's-complement wrap on every target TFLM runs on) these wrap.

/// `SaturatingRoundingDoublingHighMul(a, b)`: the high 32 bits of 2·a·b, rounded to nearest (ties away from
/// zero), saturating the one overflowing case a = b = Int32.min.
@inline(__always)
public func saturatingRoundingDoublingHighMultiply(_ a: Int32, _ b: Int32) -> Int32 {
    if a == b, a == Int32.min { return Int32.max }
    let product = Int64(a) * Int64(b)
    let nudge: Int64 = product >= 0 ? 1 << 30 : 1 - (1 << 30)
    return Int32(truncatingIfNeeded: (product + nudge) / (1 << 31))
}

/// `RoundingDivideByPOT(x, exponent)`: x / 2^exponent rounded to nearest, ties away from zero
/// (exponent 0…31).
@inline(__always)
public func roundingDivideByPowerOfTwo(_ x: Int32, _ exponent: Int32) -> Int32 {
    let mask = Int32(truncatingIfNeeded: (Int64(1) << Int64(exponent)) - 1)
    let remainder = x & mask
    let threshold = (mask >> 1) + (x < 0 ? 1 : 0)
    return (x >> exponent) &+ (remainder > threshold ? 1 : 0)
}

/// gemmlowp's `SaturatingRoundingMultiplyByPOT<exponent>` for exponent > 0: x·2^exponent, saturated.
@inline(__always)
public func saturatingMultiplyByPowerOfTwo(_ x: Int32, _ exponent: Int32) -> Int32 {
    let threshold = Int32((Int64(1) << Int64(31 - exponent)) - 1)
    if x > threshold { return Int32.max }
    if x < -threshold { return Int32.min }
    return x << exponent
}

/// `MultiplyByQuantizedMultiplier(x, multiplier, shift)` with TFLM's default double rounding: a left shift
/// (int32, wrapping), a doubling high multiply, then a rounding right shift.
@inline(__always)
public func multiplyByQuantizedMultiplier(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
    let leftShift = shift > 0 ? shift : 0
    let rightShift = shift > 0 ? 0 : -shift
    return roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMultiply(x &* (1 << leftShift), multiplier),
                                      rightShift)
}

/// `MultiplyByQuantizedMultiplierSmallerThanOneExp(x, multiplier, shift)` (shift ≤ 0).
@inline(__always)
public func multiplyByQuantizedMultiplierSmallerThanOne(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
    roundingDivideByPowerOfTwo(saturatingRoundingDoublingHighMultiply(x, multiplier), -shift)
}
