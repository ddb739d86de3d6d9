#if canImport(Glibc)
import Glibc
#endif

/// A second-order IIR section, normalised so a0 = 1:
/// `y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]`, with the audio-EQ-cookbook designs
/// (peaking, shelves) that audiomentations' equaliser uses.
public struct Biquad: Sendable, Hashable {
    public var b0: Double, b1: Double, b2: Double, a1: Double, a2: Double

    public init(b0: Double, b1: Double, b2: Double, a0: Double = 1, a1: Double, a2: Double) {
        self.b0 = b0 / a0
        self.b1 = b1 / a0
        self.b2 = b2 / a0
        self.a1 = a1 / a0
        self.a2 = a2 / a0
    }

    /// A bell boosting or cutting `gainDecibels` around `frequency`, bandwidth set by `q`.
    public static func peaking(frequency: Double, gainDecibels: Double, q: Double, sampleRate: Double) -> Biquad {
        let omega = 2 * Double.pi * frequency / sampleRate
        let gain = pow(10, gainDecibels / 40)
        let alpha = sin(omega) / 2 / q
        return Biquad(b0: 1 + alpha * gain, b1: -2 * cos(omega), b2: 1 - alpha * gain,
                      a0: 1 + alpha / gain, a1: -2 * cos(omega), a2: 1 - alpha / gain)
    }

    /// A low shelf: `gainDecibels` below `frequency`, unity above.
    public static func lowShelf(frequency: Double, gainDecibels: Double, q: Double, sampleRate: Double) -> Biquad {
        let omega = 2 * Double.pi * frequency / sampleRate
        let gain = pow(10, gainDecibels / 40)
        let alpha = sin(omega) / 2 / q, c = cos(omega), root = 2 * gain.squareRoot() * alpha
        return Biquad(b0: gain * ((gain + 1) - (gain - 1) * c + root),
                      b1: 2 * gain * ((gain - 1) - (gain + 1) * c),
                      b2: gain * ((gain + 1) - (gain - 1) * c - root),
                      a0: (gain + 1) + (gain - 1) * c + root,
                      a1: -2 * ((gain - 1) + (gain + 1) * c),
                      a2: (gain + 1) + (gain - 1) * c - root)
    }

    /// A high shelf: `gainDecibels` above `frequency`, unity below.
    public static func highShelf(frequency: Double, gainDecibels: Double, q: Double, sampleRate: Double) -> Biquad {
        let omega = 2 * Double.pi * frequency / sampleRate
        let gain = pow(10, gainDecibels / 40)
        let alpha = sin(omega) / 2 / q, c = cos(omega), root = 2 * gain.squareRoot() * alpha
        return Biquad(b0: gain * ((gain + 1) + (gain - 1) * c + root),
                      b1: -2 * gain * ((gain - 1) + (gain + 1) * c),
                      b2: gain * ((gain + 1) + (gain - 1) * c - root),
                      a0: (gain + 1) - (gain - 1) * c + root,
                      a1: 2 * ((gain - 1) - (gain + 1) * c),
                      a2: (gain + 1) - (gain - 1) * c - root)
    }

    /// The magnitude of the frequency response at `frequency`.
    public func magnitude(at frequency: Double, sampleRate: Double) -> Double {
        let omega = 2 * Double.pi * frequency / sampleRate
        // H(e^{iω}) with z^{-1} = e^{−iω}.
        let c1 = cos(omega), s1 = -sin(omega), c2 = cos(2 * omega), s2 = -sin(2 * omega)
        let nr = b0 + b1 * c1 + b2 * c2, ni = b1 * s1 + b2 * s2
        let dr = 1 + a1 * c1 + a2 * c2, di = a1 * s1 + a2 * s2
        return ((nr * nr + ni * ni) / (dr * dr + di * di)).squareRoot()
    }

    /// The gain at DC (0 Hz).
    public var dcGain: Double { (b0 + b1 + b2) / (1 + a1 + a2) }
}

/// Biquads applied one after another (scipy's `sosfilt`), in Double, starting either at rest or in the
/// steady state for a constant input equal to the first sample (scipy's `sosfilt_zi(sos) · x[0]`, what
/// audiomentations does, so a clip that starts loud does not click).
public struct BiquadCascade: Sendable {
    public var sections: [Biquad]

    public init(_ sections: [Biquad]) { self.sections = sections }

    /// Filters `samples` in place.
    public func filter(_ samples: inout [Float], steadyStart: Bool = true) {
        guard let first = samples.first else { return }
        var input = Double(first)
        for section in sections {
            // Transposed direct form II; the steady state for a constant input u has y = g·u.
            var z1 = 0.0, z2 = 0.0
            if steadyStart {
                let output = section.dcGain * input
                z2 = section.b2 * input - section.a2 * output
                z1 = output - section.b0 * input
                input = output
            }
            let (b0, b1, b2, a1, a2) = (section.b0, section.b1, section.b2, section.a1, section.a2)
            samples.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices {
                    let x = Double(buffer[index])
                    let y = b0 * x + z1
                    z1 = b1 * x - a1 * y + z2
                    z2 = b2 * x - a2 * y
                    buffer[index] = Float(y)
                }
            }
        }
    }

    /// The magnitude of the cascade's frequency response at `frequency`.
    public func magnitude(at frequency: Double, sampleRate: Double) -> Double {
        sections.reduce(1) { $0 * $1.magnitude(at: frequency, sampleRate: sampleRate) }
    }
}
