import Foundation
import Support

/// A quick room impulse response without a room model: the direct sound, a few early reflections within
/// 50 ms, and an exponentially decaying noise tail reaching −60 dB at the reverberation time. The demo size
/// uses these; `ShoeboxRoom` simulates real room geometry.
public enum SyntheticImpulseResponse {
    /// A response `1.2 × rt60` seconds long with its peak at 0.9.
    public static func make(rt60: Double, using generator: inout SeededGenerator) -> [Float] {
        let rate = Double(ClipShaping.sampleRate)
        let count = Int((rt60 * 1.2 * rate).rounded())
        guard count > 2 else { return [0.9] }
        var response = [Double](repeating: 0, count: count)
        for index in 0 ..< count {
            response[index] = generator.normal() * exp(-6.9 * Double(index) / rate / rt60) * 0.3
        }
        let onset = min(count - 1, generator.integer(in: 8 ... 79))
        for index in 0 ..< onset { response[index] = 0 }
        response[0] = 1
        let reflections = generator.integer(in: 3 ... 7)
        for _ in 0 ..< reflections {
            let latest = min(count - 2, onset + Int(0.05 * rate) - 1)
            let delay = generator.integer(in: min(onset, latest) ... latest)
            response[delay] += generator.uniform(-0.6, 0.6)
        }
        let peak = response.reduce(0) { max($0, abs($1)) }
        return response.map { Float($0 / peak * 0.9) }
    }
}
