/// Conversions between float samples (1.0 = full scale) and 16-bit PCM, with one rounding rule everywhere:
/// `round(x × 32768)` clipped to the Int16 range (never wrapped), as the Python reference does.
public enum PCM {
    public static let fullScale: Float = 32768

    /// Float samples to 16-bit, rounded half away from zero and clipped.
    public static func int16(from samples: [Float]) -> [Int16] {
        samples.map { value in
            let scaled = (value * fullScale).rounded()
            if scaled >= 32767 { return Int16.max }
            if scaled <= -32768 { return Int16.min }
            if scaled.isNaN { return 0 }
            return Int16(scaled)
        }
    }

    /// 16-bit samples to floats in [-1, 1).
    public static func float(from samples: [Int16]) -> [Float] {
        samples.map { Float($0) / fullScale }
    }
}
