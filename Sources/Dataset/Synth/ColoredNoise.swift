import Support

/// Noise with a power-law spectrum, power ∝ f^exponent: white 0, pink −1, brown −2, blue +1.
///
/// Shaped in the time domain (no FFT): pink is white noise through parallel one-pole low-pass filters with
/// corners one octave apart (see `pink`); brown is white noise through a leaky integrator (−20 dB per decade
/// above 5 Hz); blue is the first difference of pink (+10 dB per decade). O(n × 11 filters).
public enum NoiseColor: String, CaseIterable, Sendable {
    case white, pink, brown, blue

    /// `count` samples of unit-RMS, zero-mean noise of this colour.
    public func samples(_ count: Int, using generator: inout SeededGenerator) -> [Float] {
        guard count > 0 else { return [] }
        var output = [Double](repeating: 0, count: count)
        switch self {
        case .white:
            for index in 0 ..< count { output[index] = generator.normal() }
        case .brown:
            let leak = 1 - 2 * Double.pi * 5 / Double(ClipShaping.sampleRate)
            var state = 0.0
            for index in 0 ..< count {
                state = leak * state + generator.normal()
                output[index] = state
            }
        case .pink:
            output = Self.pink(count, using: &generator)
        case .blue:
            let pink = Self.pink(count + 1, using: &generator)
            for index in 0 ..< count { output[index] = pink[index + 1] - pink[index] }
        }
        var mean = 0.0
        for value in output { mean += value }
        mean /= Double(count)
        var power = 0.0
        for index in 0 ..< count {
            output[index] -= mean
            power += output[index] * output[index]
        }
        let scale = power > 0 ? 1 / (power / Double(count)).squareRoot() : 0
        return output.map { Float($0 * scale) }
    }

    /// Corner frequencies of the pink filter bank: 5 Hz doubling up to the Nyquist frequency.
    static let pinkCorners: [Double] = {
        var corners: [Double] = []
        var corner = 5.0
        while corner < Double(ClipShaping.sampleRate) / 2 {
            corners.append(corner)
            corner *= 2
        }
        return corners
    }()

    /// One white input through parallel one-pole low-pass filters y = p·y + (1−p)·x (unit gain below the
    /// corner), weighted 1/√corner: below a corner every filter above it adds a plateau ∝ 1/corner, above
    /// it its 1/f² skirt, and the sum follows 1/f within about +2.5/−1 dB from 20 Hz to 7.9 kHz.
    static func pink(_ count: Int, using generator: inout SeededGenerator) -> [Double] {
        let rate = Double(ClipShaping.sampleRate)
        let poles = pinkCorners.map { 1 - min(0.999_999, 2 * Double.pi * $0 / rate) }
        let weights = pinkCorners.map { 1 / $0.squareRoot() }
        var states = [Double](repeating: 0, count: poles.count)
        var output = [Double](repeating: 0, count: count)
        for index in 0 ..< count {
            let white = generator.normal()
            var sum = 0.0
            for filter in 0 ..< poles.count {
                states[filter] = poles[filter] * states[filter] + (1 - poles[filter]) * white
                sum += weights[filter] * states[filter]
            }
            output[index] = sum
        }
        return output
    }
}
