#if canImport(Glibc)
import Glibc
#endif

/// The FFT of `count` real samples (a power of two ≥ 4): `count / 2 + 1` complex bins, computed as a
/// complex FFT of half the length on the samples taken in pairs, then separated with one twiddle per bin.
/// `inverse` undoes `forward` exactly (including the 1 / count normalisation).
///
/// A `final class` because it owns its tables and scratch; not safe to use from several threads at once
/// (make one per thread, or share the immutable `ComplexFFT` plan).
public final class RealFFT {
    /// Number of real samples.
    public let count: Int
    /// Number of complex bins, count / 2 + 1.
    public var binCount: Int { count / 2 + 1 }
    private let complex: ComplexFFT
    private let workReal: UnsafeMutablePointer<Float>
    private let workImaginary: UnsafeMutablePointer<Float>
    private let twiddleReal: UnsafeMutablePointer<Float>
    private let twiddleImaginary: UnsafeMutablePointer<Float>

    public init(count: Int) {
        precondition(count >= 4 && count & (count - 1) == 0, "real FFT sizes are powers of two ≥ 4")
        self.count = count
        let half = count / 2
        complex = ComplexFFT(count: half)
        workReal = .allocate(capacity: half)
        workImaginary = .allocate(capacity: half)
        twiddleReal = .allocate(capacity: half)
        twiddleImaginary = .allocate(capacity: half)
        for k in 0 ..< half {
            let angle = -2 * Double.pi * Double(k) / Double(count)
            twiddleReal[k] = Float(cos(angle))
            twiddleImaginary[k] = Float(sin(angle))
        }
    }

    deinit {
        for pointer in [workReal, workImaginary, twiddleReal, twiddleImaginary] { pointer.deallocate() }
    }

    /// The spectrum of `input` (`count` samples; shorter input is zero-padded) into `real`/`imaginary`
    /// (`binCount` values each).
    public func forward(_ input: UnsafeBufferPointer<Float>, real: UnsafeMutablePointer<Float>, imaginary: UnsafeMutablePointer<Float>) {
        let half = count / 2
        let available = min(input.count, count)
        for n in 0 ..< half {
            workReal[n] = 2 * n < available ? input[2 * n] : 0
            workImaginary[n] = 2 * n + 1 < available ? input[2 * n + 1] : 0
        }
        complex.transform(real: workReal, imaginary: workImaginary)
        real[0] = workReal[0] + workImaginary[0]
        imaginary[0] = 0
        real[half] = workReal[0] - workImaginary[0]
        imaginary[half] = 0
        for k in 1 ..< half {
            // Even part E = (Z[k] + conj Z[h−k]) / 2, odd part O = (Z[k] − conj Z[h−k]) / (2i).
            let zr = workReal[k], zi = workImaginary[k]
            let cr = workReal[half - k], ci = -workImaginary[half - k]
            let er = 0.5 * (zr + cr), ei = 0.5 * (zi + ci)
            let dr = zr - cr, di = zi - ci
            let or = 0.5 * di, oi = -0.5 * dr
            let wr = twiddleReal[k], wi = twiddleImaginary[k]
            real[k] = er + (or * wr - oi * wi)
            imaginary[k] = ei + (or * wi + oi * wr)
        }
    }

    /// The `count` real samples whose spectrum is `real`/`imaginary` (`binCount` values each), into `output`.
    public func inverse(real: UnsafePointer<Float>, imaginary: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let half = count / 2
        for k in 0 ..< half {
            // Z[k] = E + i·O with E = (X[k] + conj X[h−k]) / 2 and O = (X[k] − conj X[h−k]) · conj(w_k) / 2.
            let xr = real[k], xi = imaginary[k]
            let cr = real[half - k], ci = -imaginary[half - k]
            let er = 0.5 * (xr + cr), ei = 0.5 * (xi + ci)
            let dr = 0.5 * (xr - cr), di = 0.5 * (xi - ci)
            let wr = twiddleReal[k], wi = -twiddleImaginary[k]
            let or = dr * wr - di * wi, oi = dr * wi + di * wr
            workReal[k] = er - oi
            workImaginary[k] = ei + or
        }
        complex.transform(real: workReal, imaginary: workImaginary, inverse: true)
        let scale = 1 / Float(half)
        for n in 0 ..< half {
            output[2 * n] = workReal[n] * scale
            output[2 * n + 1] = workImaginary[n] * scale
        }
    }

    /// The spectrum of `input` as arrays (tests, one-off use).
    public func forward(_ input: [Float]) -> (real: [Float], imaginary: [Float]) {
        var real = [Float](repeating: 0, count: binCount), imaginary = [Float](repeating: 0, count: binCount)
        input.withUnsafeBufferPointer { buffer in
            real.withUnsafeMutableBufferPointer { re in
                imaginary.withUnsafeMutableBufferPointer { im in forward(buffer, real: re.baseAddress!, imaginary: im.baseAddress!) }
            }
        }
        return (real, imaginary)
    }

    /// The real samples of a spectrum as an array (tests, one-off use).
    public func inverse(real: [Float], imaginary: [Float]) -> [Float] {
        precondition(real.count == binCount && imaginary.count == binCount)
        var output = [Float](repeating: 0, count: count)
        output.withUnsafeMutableBufferPointer { out in inverse(real: real, imaginary: imaginary, output: out.baseAddress!) }
        return output
    }

    /// The smallest power of two ≥ `minimum` (and ≥ 4): a size this FFT takes.
    public static func size(atLeast minimum: Int) -> Int {
        var size = 4
        while size < minimum { size <<= 1 }
        return size
    }
}
