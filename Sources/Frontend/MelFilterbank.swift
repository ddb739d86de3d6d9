#if canImport(Glibc)
import Glibc
#endif

/// The frontend's mel filterbank: triangular channels over the FFT's energy, Q12 weights computed in Float
/// (with the C library's `log1pf`) exactly as the micro frontend computes them, 64-bit accumulation, and
/// an integer square root scaled back by the FFT's input shift.
///
/// Each FFT bin in `[startBin, endBin)` belongs to one band c (0 … channelCount): it adds
/// `weight · energy` to accumulator c and `(1 − weight) · energy` to accumulator c + 1. Accumulator 0 (the
/// band below the first centre) is dropped; accumulators 1 … channelCount are the channels.
///
/// The tables point into the `TableStorage` given at creation, which must outlive this value.
struct MelFilterbank: @unchecked Sendable {
    /// Fixed-point fraction bits of the weights.
    static let weightBits = 12

    let channelCount: Int
    /// First and one-past-last FFT bin that any band uses.
    let startBin: Int
    let endBin: Int
    /// Per band 0 … channelCount: one past its last bin.
    private let bandEnd: UnsafePointer<Int>
    /// Per bin (indexed by bin): Q12 weight and unweight.
    private let weights: UnsafePointer<UInt64>
    private let unweights: UnsafePointer<UInt64>

    init(parameters: FrontendParameters, storage: TableStorage) throws(FrontendError) {
        let bands = parameters.channelCount + 1
        let spectrumSize = parameters.fftSize / 2 + 1
        func mel(_ frequency: Float) -> Float { 1127.0 * log1pf(frequency / 700.0) }

        let melLow = mel(parameters.lowerBandHz)
        let melSpacing = (mel(parameters.upperBandHz) - melLow) / Float(bands)
        let centres = (0 ..< bands).map { melLow + melSpacing * Float($0 + 1) }

        // DC is always left out.
        let hzPerBin: Float = 0.5 * Float(parameters.sampleRate) / (Float(spectrumSize) - 1)
        let start = Int(1.5 + parameters.lowerBandHz / hzPerBin)
        var weights = [UInt64](repeating: 0, count: spectrumSize)
        var unweights = [UInt64](repeating: 0, count: spectrumSize)
        var bandEnd: [Int] = []
        var bin = start
        for band in 0 ..< bands {
            let lower = band == 0 ? melLow : centres[band - 1]
            while mel(Float(bin) * hzPerBin) <= centres[band] {
                guard bin < spectrumSize - 1 else {
                    throw .unsupportedParameters("the filterbank reaches past the spectrum (upper band too close to Nyquist)")
                }
                let weight: Float = (centres[band] - mel(Float(bin) * hzPerBin)) / (centres[band] - lower)
                let scale = Float(1 << Self.weightBits)
                weights[bin] = UInt64(UInt16(bitPattern: Int16(floorf(weight * scale + 0.5))))
                unweights[bin] = UInt64(UInt16(bitPattern: Int16(floorf((1.0 - weight) * scale + 0.5))))
                bin += 1
            }
            bandEnd.append(bin)
        }
        channelCount = parameters.channelCount
        startBin = start
        endBin = bin
        self.bandEnd = storage.store(bandEnd)
        self.weights = storage.store(weights)
        self.unweights = storage.store(unweights)
    }

    /// Channel magnitudes from the FFT bins: energy per bin (int32 with the C code's wrap-around), weighted
    /// sums in 64 bits, square root, shifted down by `shift` (the FFT's input shift). Writes `channelCount`
    /// values to `output`.
    @inline(__always)
    func apply(real: UnsafePointer<Int16>, imaginary: UnsafePointer<Int16>, shift: Int,
               output: UnsafeMutablePointer<UInt32>)
    {
        var bin = startBin
        var carried: UInt64 = 0
        var band = 0
        while band <= channelCount {
            var weighted: UInt64 = 0, unweighted: UInt64 = 0
            let end = bandEnd[band]
            while bin < end {
                let re = Int32(real[bin]), im = Int32(imaginary[bin])
                // uint32 in C, stored in an int32 and widened to 64 bits with sign extension.
                let energy = UInt64(bitPattern: Int64((re &* re) &+ (im &* im)))
                weighted &+= weights[bin] &* energy
                unweighted &+= unweights[bin] &* energy
                bin &+= 1
            }
            if band > 0 {
                output[band &- 1] = IntegerSquareRoot.sqrt64(carried &+ weighted) >> UInt32(shift)
            }
            carried = unweighted
            band &+= 1
        }
    }
}
