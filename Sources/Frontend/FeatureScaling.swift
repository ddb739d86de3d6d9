/// How raw frontend values become model inputs: the float scaling `pymicro-features` applies and the
/// integer mapping the ESP32 applies (SPEC §1, notes/firmware_harness.md §1). The one place for both.
public enum FeatureScaling {
    /// Float feature per raw unit: `pymicro-features` returns raw × 0.0390625 (= 1 / 25.6).
    public static let floatPerRaw: Float = 0.0390625

    /// Raw units per float feature (25.6).
    public static let rawPerFloat: Float = 25.6

    /// Input quantization of every official model: int8 with scale 26/255 and zero point −128, so float
    /// features in [0, 26] cover the int8 range.
    public static let modelInputScale: Float = 26.0 / 255.0
    public static let modelInputZeroPoint: Int = -128

    /// The float feature `pymicro-features` returns for a raw value (exact in Float).
    @inlinable public static func float(raw: UInt16) -> Float {
        Float(raw) * floatPerRaw
    }

    /// The raw value of a float feature (lossless for frontend output; rounded and clamped otherwise).
    @inlinable public static func raw(float value: Float) -> UInt16 {
        let scaled = (Double(value) * 25.6).rounded(.toNearestOrEven)
        return UInt16(max(0, min(65535, scaled)))
    }

    /// The int8 model input the ESP32 computes from a raw value: `v = (raw × 256 + 333) / 666` in integer
    /// arithmetic, then `clamp(v − 128, −128, 127)`. The device ignores the model's input quantization
    /// parameters, so anything that claims device behaviour uses this, not scale and zero point.
    @inlinable public static func deviceInt8(raw: UInt16) -> Int8 {
        let value = (Int32(raw) * 256 + 333) / 666 - 128
        return Int8(max(-128, min(127, value)))
    }
}
