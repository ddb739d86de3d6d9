#if canImport(Glibc)
import Glibc
#endif

/// The frontend's analysis window: a Hann window sampled at half-sample offsets, in Q12 (4096 = 1.0),
/// computed in Float with the C library's `cosf` exactly as the micro frontend computes it at start-up.
///
/// The coefficients point into the `TableStorage` given at creation, which must outlive this value.
struct HannWindow: @unchecked Sendable {
    /// Fixed-point fraction bits of the coefficients.
    static let fractionBits: Int32 = 12

    let size: Int
    private let coefficients: UnsafePointer<Int16>

    init(size: Int, storage: TableStorage) {
        // π rounded to Float the way C's `(float)M_PI` is (Swift's Float.pi is rounded toward zero).
        let pi = Float(3.14159265358979323846 as Double)
        let step = pi * 2 / Float(size)
        let values = (0 ..< size).map { index in
            let value: Float = 0.5 - 0.5 * cosf(step * (Float(index) + 0.5))
            return Int16(floorf(value * Float(1 << Self.fractionBits) + 0.5))
        }
        self.size = size
        coefficients = storage.store(values)
    }

    /// Windows `input` into `output` (both `size` long) and returns the largest magnitude of the output,
    /// with the C code's 16-bit wrap-around (|−32768| does not count).
    @inline(__always)
    func apply(_ input: UnsafePointer<Int16>, to output: UnsafeMutablePointer<Int16>) -> Int16 {
        // |v| as max(v, −v) in 16 bits: −32768 stays negative and never counts.
        var largestLanes = Lanes16(repeating: 0)
        var index = 0
        while index &+ 8 <= size {
            let value = productBits(load8(input + index), load8(coefficients + index), shift: Int16(Self.fractionBits))
            store8(value, output + index)
            let negated = 0 &- value
            let magnitude = value.replacing(with: negated, where: negated .> value)
            largestLanes.replace(with: magnitude, where: magnitude .> largestLanes)
            index &+= 8
        }
        var largest = largestLanes.max()
        while index < size {
            let value = Int16(truncatingIfNeeded: (Int32(input[index]) &* Int32(coefficients[index])) >> Self.fractionBits)
            output[index] = value
            largest = max(largest, max(value, 0 &- value))
            index &+= 1
        }
        return largest
    }
}
