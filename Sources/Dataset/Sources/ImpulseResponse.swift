import AudioIO
import Support

/// Bringing any room impulse response (recorded or simulated) to what augmentation expects.
public enum ImpulseResponse {
    /// The longest response kept, in seconds.
    public static let maximumSeconds = 5.0
    /// The peak every response is scaled to.
    public static let peak: Float = 0.9

    /// A mono response at 16 kHz as 16-bit samples: starting 16 samples before the direct sound (the first
    /// sample at 10 % of the peak), ending where it falls below −60 dB of the peak (at most 5 s), peak 0.9.
    /// Nil for an empty or silent response.
    public static func prepared(_ samples: [Float]) -> [Int16]? {
        let quantized = PCM.float(from: PCM.int16(from: samples))
        let magnitudes = quantized.map(abs)
        guard let top = magnitudes.max(), top > 0 else { return nil }
        let onset = magnitudes.firstIndex { $0 >= 0.1 * top } ?? 0
        let start = max(0, onset - 16)
        let lastAudible = magnitudes.lastIndex { $0 >= top * 1e-3 } ?? start
        let end = min(lastAudible + 1, start + Int(maximumSeconds * Double(DeviceAudioFormat.sampleRate)))
        guard end > start else { return nil }
        return PCM.int16(from: ClipShaping.scaledToPeak(Array(quantized[start ..< end]), peak))
    }
}
