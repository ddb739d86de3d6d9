#if canImport(Glibc)
import Glibc
#endif

/// Digital Butterworth filters as cascades of biquads, designed as scipy's `butter(..., output="sos")`
/// does: the analog prototype's poles, a frequency transformation with prewarped edges, the bilinear
/// transform, then conjugate pairs grouped into second-order sections.
public enum Butterworth {
    /// A band-stop filter of prototype order `order` (the cascade has order 2·order) rejecting
    /// `lower`…`upper` Hz (−3 dB at both edges).
    public static func bandStop(order: Int, lower: Double, upper: Double, sampleRate: Double) -> BiquadCascade {
        precondition(order >= 1 && 0 < lower && lower < upper && upper < sampleRate / 2, "band-stop edges must lie in (0, Nyquist)")
        // Prewarped analog edges (scipy normalises to fs = 2: warped = 4·tan(π·f/fs)).
        let fs = 2.0
        let low = 2 * fs * tan(Double.pi * (lower / (sampleRate / 2)) / fs)
        let high = 2 * fs * tan(Double.pi * (upper / (sampleRate / 2)) / fs)
        let bandwidth = high - low, centre = (low * high).squareRoot()

        // Analog low-pass prototype poles −e^{iθ}, θ = π(2k + 1 − n) / 2n: the left half of the unit
        // circle. No zeros, gain 1.
        let prototype = (0 ..< order).map { k -> Complex in
            let angle = Double.pi * Double(2 * k + 1 - order) / Double(2 * order)
            return Complex(-cos(angle), -sin(angle))
        }
        // Low-pass → band-stop: each pole p gives (bw/2)/p ± √((bw/2/p)² − w0²); zeros at ±i·w0, n of each.
        var poles: [Complex] = []
        var gain = Complex(1, 0)
        for pole in prototype {
            let half = Complex(bandwidth / 2, 0) / pole
            let root = (half * half - Complex(centre * centre, 0)).squareRoot()
            poles.append(half + root)
            poles.append(half - root)
            gain = gain * (Complex(0, 0) - pole)
        }
        gain = Complex(1, 0) / gain
        let zeros = (0 ..< order).flatMap { _ in [Complex(0, centre), Complex(0, -centre)] }

        // Bilinear transform.
        let fs2 = 2 * fs
        let digitalZeros = zeros.map { (Complex(fs2, 0) + $0) / (Complex(fs2, 0) - $0) }
        let digitalPoles = poles.map { (Complex(fs2, 0) + $0) / (Complex(fs2, 0) - $0) }
        var digitalGain = gain
        for zero in zeros { digitalGain = digitalGain * (Complex(fs2, 0) - zero) }
        for pole in poles { digitalGain = digitalGain / (Complex(fs2, 0) - pole) }

        // Pair each pole with its conjugate (upper half-plane ones, or real pairs) and a conjugate zero pair.
        var remaining = digitalPoles
        var sections: [Biquad] = []
        let zeroPair = digitalZeros[0]
        while !remaining.isEmpty {
            let pole = remaining.removeFirst()
            let partnerIndex = remaining.indices.min { abs(remaining[$0].real - pole.real) + abs(remaining[$0].imaginary + pole.imaginary)
                < abs(remaining[$1].real - pole.real) + abs(remaining[$1].imaginary + pole.imaginary) }
            let partner = partnerIndex.map { remaining.remove(at: $0) } ?? pole.conjugate
            // (1 − p z⁻¹)(1 − q z⁻¹) = 1 − (p + q) z⁻¹ + p q z⁻².
            let a1 = -(pole + partner).real, a2 = (pole * partner).real
            let b1 = -2 * zeroPair.real, b2 = (zeroPair * zeroPair.conjugate).real
            sections.append(Biquad(b0: 1, b1: b1, b2: b2, a1: a1, a2: a2))
        }
        let k = digitalGain.real
        sections[0].b0 *= k
        sections[0].b1 *= k
        sections[0].b2 *= k
        return BiquadCascade(sections)
    }
}

/// Just enough complex arithmetic for filter design.
private struct Complex {
    var real: Double, imaginary: Double
    init(_ real: Double, _ imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }

    var conjugate: Complex { Complex(real, -imaginary) }

    static func + (a: Complex, b: Complex) -> Complex { Complex(a.real + b.real, a.imaginary + b.imaginary) }
    static func - (a: Complex, b: Complex) -> Complex { Complex(a.real - b.real, a.imaginary - b.imaginary) }
    static func * (a: Complex, b: Complex) -> Complex {
        Complex(a.real * b.real - a.imaginary * b.imaginary, a.real * b.imaginary + a.imaginary * b.real)
    }

    static func / (a: Complex, b: Complex) -> Complex {
        let scale = b.real * b.real + b.imaginary * b.imaginary
        return Complex((a.real * b.real + a.imaginary * b.imaginary) / scale, (a.imaginary * b.real - a.real * b.imaginary) / scale)
    }

    /// The principal square root.
    func squareRoot() -> Complex {
        let modulus = (real * real + imaginary * imaginary).squareRoot()
        let re = ((modulus + real) / 2).squareRoot()
        let im = ((modulus - real) / 2).squareRoot()
        return Complex(re, imaginary < 0 ? -im : im)
    }
}
