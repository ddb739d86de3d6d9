#if canImport(Glibc)
import Glibc
#endif

/// A complex FFT of one power-of-two size on split arrays (real parts, imaginary parts), in place, Float.
///
/// Iterative radix-2 decimation in time: a bit-reversal permutation, then log2(n) passes whose butterflies
/// run four at a time in SIMD lanes. Twiddles are computed once per plan in Double and stored per pass, so
/// each pass reads them contiguously. Forward uses e^(−2πik/n); the inverse is unnormalised (divide by n).
///
/// A `final class` because it owns its tables; immutable after creation, so one plan can be shared by
/// several threads (each with its own data).
public final class ComplexFFT: @unchecked Sendable {
    /// Transform length (a power of two ≥ 1).
    public let count: Int
    private let bitReversed: UnsafeMutablePointer<Int32>
    /// Twiddles of all passes back to back: the pass of half-size h keeps h values starting at h − 1.
    private let twiddleReal: UnsafeMutablePointer<Float>
    private let twiddleImaginary: UnsafeMutablePointer<Float>

    /// A plan for `count` points; `count` must be a power of two.
    public init(count: Int) {
        precondition(count >= 1 && count & (count - 1) == 0, "FFT sizes are powers of two")
        self.count = count
        let bits = count.trailingZeroBitCount
        bitReversed = .allocate(capacity: count)
        for index in 0 ..< count {
            var reversed = 0, value = index
            for _ in 0 ..< bits {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            bitReversed[index] = Int32(reversed)
        }
        twiddleReal = .allocate(capacity: max(1, count))
        twiddleImaginary = .allocate(capacity: max(1, count))
        var half = 1
        while half < count {
            for k in 0 ..< half {
                let angle = -Double.pi * Double(k) / Double(half)
                twiddleReal[half - 1 + k] = Float(cos(angle))
                twiddleImaginary[half - 1 + k] = Float(sin(angle))
            }
            half <<= 1
        }
    }

    deinit {
        bitReversed.deallocate()
        twiddleReal.deallocate()
        twiddleImaginary.deallocate()
    }

    /// Transforms `real`/`imaginary` (`count` values each) in place. `inverse` conjugates the twiddles
    /// (e^(+2πik/n)) and does not divide by n.
    public func transform(real: UnsafeMutablePointer<Float>, imaginary: UnsafeMutablePointer<Float>, inverse: Bool = false) {
        let n = count
        for index in 0 ..< n {
            let other = Int(bitReversed[index])
            if other > index {
                swap(&real[index], &real[other])
                swap(&imaginary[index], &imaginary[other])
            }
        }
        let sign: Float = inverse ? -1 : 1
        // The first two passes (half-sizes 1 and 2) as one radix-4 pass: their twiddles are ±1 and ∓i.
        if n >= 4 {
            var block = 0
            while block < n {
                let r0 = real[block], r1 = real[block + 1], r2 = real[block + 2], r3 = real[block + 3]
                let i0 = imaginary[block], i1 = imaginary[block + 1], i2 = imaginary[block + 2], i3 = imaginary[block + 3]
                let ar = r0 + r1, ai = i0 + i1, br = r0 - r1, bi = i0 - i1
                let cr = r2 + r3, ci = i2 + i3, dr = r2 - r3, di = i2 - i3
                // d · (−i) for the forward transform, d · (+i) for the inverse.
                let er = sign * di, ei = -sign * dr
                real[block] = ar + cr
                imaginary[block] = ai + ci
                real[block + 2] = ar - cr
                imaginary[block + 2] = ai - ci
                real[block + 1] = br + er
                imaginary[block + 1] = bi + ei
                real[block + 3] = br - er
                imaginary[block + 3] = bi - ei
                block += 4
            }
        } else if n == 2 {
            let r0 = real[0], i0 = imaginary[0]
            real[0] = r0 + real[1]
            imaginary[0] = i0 + imaginary[1]
            real[1] = r0 - real[1]
            imaginary[1] = i0 - imaginary[1]
        }
        var half = 4
        while half < n {
            let wr = twiddleReal + (half - 1), wi = twiddleImaginary + (half - 1)
            var block = 0
            while block < n {
                var k = 0
                while k < half {
                    let top = block + k, bottom = top + half
                    let twr = load(wr + k), twi = load(wi + k) * sign
                    let xr = load(real + bottom), xi = load(imaginary + bottom)
                    let pr = xr * twr - xi * twi, pi = xr * twi + xi * twr
                    let ar = load(real + top), ai = load(imaginary + top)
                    store(ar + pr, real + top)
                    store(ai + pi, imaginary + top)
                    store(ar - pr, real + bottom)
                    store(ai - pi, imaginary + bottom)
                    k += 4
                }
                block += 2 * half
            }
            half <<= 1
        }
    }
}

@inline(__always) private func load(_ pointer: UnsafeMutablePointer<Float>) -> SIMD4<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD4<Float>.self)
}

@inline(__always) private func store(_ value: SIMD4<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD4<Float>.self)
}
