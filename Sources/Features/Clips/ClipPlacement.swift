#if canImport(Glibc)
import Glibc
#endif
import Frontend
import Support

/// Where a recording sits inside a fixed-length clip (SPEC §4). Positives are aligned so the spoken word
/// *ends* a fixed offset (jittered, ~0.2 s) before the clip end — the point the streaming model learns to
/// fire at; other audio lands at a random position, and longer recordings are cropped at random.
public enum ClipPlacement {
    /// Trailing frames count as silence below peak − 40 dB, or (for recordings with a noise floor) within
    /// 6 dB of the quietest tenth of frames, but never within 20 dB of the peak, so a soft final consonant
    /// ("…vis") is kept.
    static let speechFloorDecibels = 40.0
    static let noiseMarginDecibels = 6.0
    static let speechKeepDecibels = 20.0

    /// Clip length in samples for a duration: a whole number of 10 ms steps, so the frontend uses all of it.
    public static func clipSamples(seconds: Double, parameters: FrontendParameters = .device) -> Int {
        let step = parameters.stepSamples
        return Int((seconds * Double(parameters.sampleRate) / Double(step)).rounded()) * step
    }

    /// One past the last 10 ms frame that is not trailing silence (see the thresholds above); 0 when silent.
    public static func speechEnd(_ samples: [Int16], step: Int = FrontendParameters.device.stepSamples) -> Int {
        let whole = samples.count / step
        if whole == 0 { return samples.contains { $0 != 0 } ? samples.count : 0 }
        var energy = [Double](repeating: 0, count: whole)
        for frame in 0 ..< whole {
            var sum = 0.0
            for index in frame * step ..< (frame + 1) * step {
                let value = Double(samples[index]) / 32768
                sum += value * value
            }
            energy[frame] = sum / Double(step)
        }
        let top = energy.max() ?? 0
        guard top > 0 else { return 0 }
        let floor = percentile(energy, 10) * pow10(noiseMarginDecibels / 10)
        let threshold = min(max(top * pow10(-speechFloorDecibels / 10), floor), top * pow10(-speechKeepDecibels / 10))
        guard let last = energy.lastIndex(where: { $0 > threshold }) else { return 0 }
        return (last + 1) * step
    }

    /// The word (trailing silence removed) ending `endOffsetSeconds` before the end of a silent clip of
    /// `length` samples; a word longer than the room before that point loses its start.
    public static func placePositive(_ samples: [Int16], length: Int, endOffsetSeconds: Double,
                                     sampleRate: Int = FrontendParameters.device.sampleRate) -> [Int16]
    {
        let word = samples[0 ..< speechEnd(samples)]
        let end = max(0, length - Int((endOffsetSeconds * Double(sampleRate)).rounded()))
        var clip = [Int16](repeating: 0, count: length)
        let kept = word.suffix(end)
        clip.replaceSubrange(end - kept.count ..< end, with: kept)
        return clip
    }

    /// A shorter recording at a random position in a silent clip; a longer one cropped at a random start.
    public static func placeRandomly(_ samples: [Int16], length: Int, using generator: inout SeededGenerator) -> [Int16] {
        if samples.count >= length {
            let start = generator.integer(in: 0 ... samples.count - length)
            return Array(samples[start ..< start + length])
        }
        var clip = [Int16](repeating: 0, count: length)
        let start = generator.integer(in: 0 ... length - samples.count)
        clip.replaceSubrange(start ..< start + samples.count, with: samples)
        return clip
    }

    /// numpy's linear-interpolation percentile.
    private static func percentile(_ values: [Double], _ percent: Double) -> Double {
        let sorted = values.sorted()
        let position = percent / 100 * Double(sorted.count - 1)
        let lower = Int(position), upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }

    private static func pow10(_ exponent: Double) -> Double { pow(10, exponent) }
}
