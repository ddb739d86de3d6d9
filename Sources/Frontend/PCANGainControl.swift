#if canImport(Glibc)
import Glibc
#endif

/// Per-channel automatic gain control (PCAN, "per-channel energy normalisation"): each channel is divided
/// by a power of its noise estimate, read from a piecewise-quadratic lookup table in Q`gainBits`, then
/// compressed by a fixed shrink curve. The table is computed in Float with the C library's `powf` exactly
/// as the micro frontend computes it.
///
/// The table points into the `TableStorage` given at creation, which must outlive this value.
struct PCANGainControl: @unchecked Sendable {
    static let snrBits = 12
    static let outputBits = 6
    /// Segments of the gain table: one per power of two of the input (1 … 32 bits).
    static let tableBits = 32

    /// The gain table: entries 0 and 1 are the gains of 0 and 1; segment `s` (2 … 32) keeps y0, a1, a2 at
    /// `4s − 6 …`, one unused slot after each.
    private let table: UnsafePointer<Int16>
    let snrShift: UInt64

    /// - Parameter correctionBits: how far the filterbank's output scale differs from the frontend's
    ///   reference (`log2(fft size) − 1 − 6`).
    init(parameters: FrontendParameters, correctionBits: Int, storage: TableStorage) {
        let inputBits = parameters.smoothingBits - correctionBits
        func gain(_ x: UInt32) -> Int16 {
            let input = Float(x) / Float(UInt32(1) << UInt32(inputBits))
            let value = Float(UInt32(1) << UInt32(parameters.pcanGainBits)) *
                powf(input + parameters.pcanOffset, -parameters.pcanStrength)
            if value > Float(Int16.max) { return Int16.max }
            return Int16(value + 0.5)
        }
        var table = [Int16](repeating: 0, count: 4 * Self.tableBits - 3)
        table[0] = gain(0)
        table[1] = gain(1)
        for segment in 2 ... Self.tableBits {
            let x0 = UInt32(1) << UInt32(segment - 1)
            let x1 = x0 + (x0 >> 1)
            let x2 = segment == Self.tableBits ? x0 + (x0 - 1) : 2 * x0
            let y0 = gain(x0), y1 = gain(x1), y2 = gain(x2)
            let difference1 = Int32(y1) - Int32(y0)
            let difference2 = Int32(y2) - Int32(y0)
            let a1 = 4 * difference1 - difference2
            let a2 = difference2 - a1
            table[4 * segment - 6] = y0
            table[4 * segment - 5] = Int16(truncatingIfNeeded: a1)
            table[4 * segment - 4] = Int16(truncatingIfNeeded: a2)
        }
        self.table = storage.store(table)
        snrShift = UInt64(parameters.pcanGainBits - correctionBits - Self.snrBits)
    }

    /// Replaces each of the `count` channel values in `signal` by its gain-normalised, shrunk value.
    @inline(__always)
    func apply(_ signal: UnsafeMutablePointer<UInt32>, noiseEstimate: UnsafePointer<UInt32>, count: Int) {
        var channel = 0
        while channel < count {
            let gain = UInt32(bitPattern: Int32(Self.wideDynamicFunction(noiseEstimate[channel], table)))
            let snr = UInt32(truncatingIfNeeded: (UInt64(signal[channel]) &* UInt64(gain)) >> snrShift)
            signal[channel] = Self.shrink(snr)
            channel &+= 1
        }
    }

    @inline(__always)
    static func wideDynamicFunction(_ x: UInt32, _ table: UnsafePointer<Int16>) -> Int16 {
        if x <= 2 { return table[Int(x)] }
        let interval = 32 - x.leadingZeroBitCount
        let base = 4 &* interval &- 6
        let fraction = Int32(Int16(truncatingIfNeeded:
            (interval < 11 ? x &<< UInt32(11 - interval) : x >> UInt32(interval - 11)) & 0x3FF))
        var result = (Int32(table[base &+ 2]) &* fraction) >> 5
        result &+= Int32(bitPattern: UInt32(bitPattern: Int32(table[base &+ 1])) &<< 5)
        result &*= fraction
        result = (result &+ (1 << 14)) >> 15
        result &+= Int32(table[base])
        return Int16(truncatingIfNeeded: result)
    }

    @inline(__always)
    static func shrink(_ x: UInt32) -> UInt32 {
        // Both branches computed and one chosen (a conditional move, not a jump the data decides).
        let quadratic = (x &* x) >> UInt32(2 + 2 * snrBits - outputBits)
        let linear = (x >> UInt32(snrBits - outputBits)) &- (1 << UInt32(outputBits))
        return x < 2 << UInt32(snrBits) ? quadratic : linear
    }
}
