import AudioIO
import Foundation

/// Shaping synthetic clips: trim silence to a margin, pad to a minimum length, set the level. Float samples
/// (1.0 = full scale), pure functions of their inputs, so a seed fully determines the output.
public enum ClipShaping {
    static let sampleRate = DeviceAudioFormat.sampleRate

    /// Leading and trailing audio quieter than `thresholdDB` below the loudest 10 ms frame cut to exactly
    /// `margin` seconds each side (silence is added where the clip has less). 10 ms frame RMS, so a click
    /// does not count as speech.
    public static func trimSilence(_ samples: [Float], margin: Double, thresholdDB: Double = -40) -> [Float] {
        let frame = sampleRate / 100
        let frames = samples.count / frame
        guard frames > 0 else { return samples }
        var rms = [Double](repeating: 0, count: frames)
        samples.withUnsafeBufferPointer { buffer in
            for index in 0 ..< frames {
                var sum = 0.0
                for sample in buffer[index * frame ..< (index + 1) * frame] { sum += Double(sample) * Double(sample) }
                rms[index] = (sum / Double(frame)).squareRoot()
            }
        }
        let peak = rms.max() ?? 0
        guard peak > 0 else { return samples }
        let threshold = peak * pow(10, thresholdDB / 20)
        guard let firstActive = rms.firstIndex(where: { $0 >= threshold }),
              let lastActive = rms.lastIndex(where: { $0 >= threshold }) else { return samples }
        let marginSamples = Int((margin * Double(sampleRate)).rounded())
        let first = firstActive * frame, last = (lastActive + 1) * frame
        let start = max(0, first - marginSamples), end = min(samples.count, last + marginSamples)
        let before = max(0, marginSamples - first), after = max(0, last + marginSamples - samples.count)
        return [Float](repeating: 0, count: before) + samples[start ..< end] + [Float](repeating: 0, count: after)
    }

    /// Zero-padded at both ends equally up to `seconds` (short words still meet the dataset's minimum).
    public static func padded(_ samples: [Float], toSeconds seconds: Double) -> [Float] {
        let missing = Int((seconds * Double(sampleRate)).rounded()) - samples.count
        guard missing > 0 else { return samples }
        let before = missing / 2
        return [Float](repeating: 0, count: before) + samples + [Float](repeating: 0, count: missing - before)
    }

    /// Scaled so the largest magnitude is `peak` (linear; silence stays silence).
    public static func scaledToPeak(_ samples: [Float], _ peak: Float) -> [Float] {
        let top = samples.reduce(Float(0)) { max($0, abs($1)) }
        guard top > 0 else { return samples }
        let gain = peak / top
        return samples.map { $0 * gain }
    }

    /// Scaled so the peak is at `dbfs` decibels relative to full scale.
    public static func withPeak(_ samples: [Float], dbfs: Double) -> [Float] {
        scaledToPeak(samples, Float(pow(10, dbfs / 20)))
    }

    /// Root mean square level (linear).
    public static func rms(_ samples: [Float]) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for sample in samples { sum += Double(sample) * Double(sample) }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// Scaled so the RMS level is `dbfs` decibels relative to full scale.
    public static func withRMS(_ samples: [Float], dbfs: Double) -> [Float] {
        let level = rms(samples)
        guard level > 0 else { return samples }
        let gain = Float(pow(10, dbfs / 20) / level)
        return samples.map { $0 * gain }
    }

    /// Scaled down (never up) so the peak is at most `dbfs`: mixed signals must not clip.
    public static func limitingPeak(_ samples: [Float], dbfs: Double = -1) -> [Float] {
        let ceiling = Float(pow(10, dbfs / 20))
        let top = samples.reduce(Float(0)) { max($0, abs($1)) }
        return top > ceiling ? scaledToPeak(samples, ceiling) : samples
    }
}
