import Foundation
import Support

/// Moves a signal's pitch by a number of semitones and keeps its duration: a WSOLA time stretch by the
/// frequency ratio r = 2^(semitones / 12), then resampling by 1 / r (libsoxr), trimmed or padded to the
/// input's length.
public struct PitchShifter: Sendable {
    public var timeStretcher = TimeStretcher()

    public init() {}

    /// `samples` shifted by `semitones` (positive: higher).
    public func shift(_ samples: [Float], semitones: Double, sampleRate: Double) throws(Failure) -> [Float] {
        guard semitones != 0, !samples.isEmpty else { return samples }
        let ratio = Foundation.pow(2, semitones / 12)
        let stretched = timeStretcher.stretch(samples, by: ratio)
        var shifted = try Resampler.resample(stretched, from: sampleRate * ratio, to: sampleRate)
        if shifted.count > samples.count {
            shifted.removeLast(shifted.count - samples.count)
        } else if shifted.count < samples.count {
            shifted += [Float](repeating: 0, count: samples.count - shifted.count)
        }
        return shifted
    }
}
