#if canImport(Glibc)
import Glibc
#endif

/// Changes a signal's duration without changing its pitch: WSOLA (waveform-similarity overlap-add).
/// Hann-windowed frames are laid down every `hop` output samples; each frame is read from near its nominal
/// input position, shifted by up to `tolerance` samples to where it best continues the previous frame
/// (largest cross-correlation), so periodic sounds keep their period and phase across frames.
public struct TimeStretcher: Sendable {
    /// Frame length in samples (a multiple of 4).
    public var frameLength = 512
    /// How far a frame may move from its nominal input position, in samples.
    public var tolerance = 128

    public init() {}

    /// `samples` stretched by `factor` (> 1 longer, < 1 shorter): `round(count × factor)` samples.
    public func stretch(_ samples: [Float], by factor: Double) -> [Float] {
        precondition(factor > 0, "the stretch factor must be positive")
        let count = samples.count
        let outputCount = Int((Double(count) * factor).rounded())
        guard count > 0, outputCount > 0 else { return [Float](repeating: 0, count: outputCount) }
        let n = frameLength, hop = n / 2, margin = n + tolerance + 8
        // Padded input so every read stays in bounds.
        var input = [Float](repeating: 0, count: margin)
        input += samples
        input += [Float](repeating: 0, count: margin + Int(Double(hop) / factor) + n)
        let window = (0 ..< n).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n))) }
        // Frame f covers output positions f·hop − hop …; the buffer holds position p at index p + hop, so
        // every returned sample lies under two frames whose windows sum to one.
        var output = [Float](repeating: 0, count: outputCount + 3 * n)
        let frames = outputCount / hop + 3
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                window.withUnsafeBufferPointer { window in
                    var previous = 0  // input position of the previous frame
                    for frame in 0 ..< frames {
                        let nominal = margin + Int((Double(frame * hop - hop) / factor).rounded())
                        let start = frame == 0 ? nominal : bestStart(source, nominal: nominal, target: previous + hop)
                        let base = frame * hop
                        for index in 0 ..< n {
                            destination[base + index] += window[index] * source[start + index]
                        }
                        previous = start
                    }
                }
            }
        }
        return Array(output[hop ..< hop + outputCount])
    }

    /// The start near `nominal` whose frame best matches the frame starting at `target` (the natural
    /// continuation of the previous frame): a coarse search every 4 samples on every 4th sample, then
    /// a fine search around the best coarse start.
    private func bestStart(_ source: UnsafeBufferPointer<Float>, nominal: Int, target: Int) -> Int {
        let n = frameLength
        func correlation(_ start: Int, step: Int, length: Int) -> Float {
            var sum: Float = 0
            var index = 0
            while index < length {
                sum += source[start + index] * source[target + index]
                index += step
            }
            return sum
        }
        var best = nominal, bestScore = -Float.infinity
        var offset = -tolerance
        while offset <= tolerance {
            let score = correlation(nominal + offset, step: 4, length: n)
            if score > bestScore { (best, bestScore) = (nominal + offset, score) }
            offset += 4
        }
        let coarse = best
        bestScore = -Float.infinity
        for offset in -3 ... 3 {
            let start = coarse + offset
            guard abs(start - nominal) <= tolerance else { continue }
            let score = correlation(start, step: 1, length: n / 2)
            if score > bestScore { (best, bestScore) = (start, score) }
        }
        return best
    }
}
