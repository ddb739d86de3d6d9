#if canImport(Glibc)
import Glibc
#endif

/// The frontend's fixed-point natural logarithm: log2 from the position of the top bit plus a 128-segment
/// correction table, converted to ln and scaled by 2^`shift`, saturating at 0xFFFF.
///
/// The table points into the `TableStorage` given at creation, which must outlive this value.
struct LogScale: @unchecked Sendable {
    static let scaleBits: UInt32 = 16
    static let segmentBits: UInt32 = 7
    /// ln 2 in Q16.
    static let lnTwo: UInt64 = 45426

    /// `round(65536 · (log2(1 + i/128) − i/128))` for i = 0 … 128, then a zero pad: the correction
    /// between the straight line through each segment and log2.
    static let segmentCorrections: [Int32] = (0 ... 128).map { index in
        let x = Double(index) / 128
        return Int32((65536 * (log2(1 + x) - x) + 0.5).rounded(.down))
    } + [0]

    let shift: UInt32
    let correctionBits: Int
    private let table: UnsafePointer<Int32>

    init(parameters: FrontendParameters, correctionBits: Int, storage: TableStorage) {
        shift = UInt32(parameters.logScaleShift)
        self.correctionBits = correctionBits
        table = storage.store(Self.segmentCorrections)
    }

    /// Writes the logarithm of each of the `count` values of `signal` to `output`.
    @inline(__always)
    func apply(_ signal: UnsafePointer<UInt32>, count: Int, output: UnsafeMutablePointer<UInt16>) {
        var channel = 0
        while channel < count {
            var value = signal[channel]
            value = correctionBits < 0 ? value >> UInt32(-correctionBits) : value &<< UInt32(correctionBits)
            value = value > 1 ? Self.logarithm(value, shift: shift, table) : 0
            output[channel] = value < 0xFFFF ? UInt16(value) : 0xFFFF
            channel &+= 1
        }
    }

    @inline(__always)
    static func logarithm(_ x: UInt32, shift: UInt32, _ table: UnsafePointer<Int32>) -> UInt32 {
        let integer = UInt32(31 - x.leadingZeroBitCount)
        // The fractional part of log2, in Q16.
        var fraction = Int32(truncatingIfNeeded: Int64(x) - (Int64(1) << Int64(integer)))
        if integer < scaleBits {
            fraction = fraction &<< Int32(scaleBits - integer)
        } else {
            fraction = fraction >> Int32(integer - scaleBits)
        }
        let segment = Int(UInt32(bitPattern: fraction) >> (scaleBits - segmentBits))
        let segmentUnit = Int32((1 << scaleBits) >> segmentBits)
        let c0 = table[segment], c1 = table[segment &+ 1]
        let position = ((c1 &- c0) &* (fraction &- segmentUnit &* Int32(segment))) >> Int32(scaleBits)
        let log2 = (integer << scaleBits) &+ UInt32(bitPattern: fraction &+ c0 &+ position)
        let half: UInt64 = 1 << (UInt64(scaleBits) - 1)
        let natural = UInt32(truncatingIfNeeded: (lnTwo &* UInt64(log2) &+ half) >> UInt64(scaleBits))
        return ((natural &<< shift) &+ UInt32(half)) >> scaleBits
    }
}
