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
/// A bin's energy re² + im² is an int32 in the C code that wraps to −2³¹ when both parts are −32768, and
/// it is widened to 64 bits with sign extension. Energies are computed eight bins at a time first; only
/// when one of them wrapped does the accumulation take the sign-extending path, otherwise the products are
/// plain 32 × 32 → 64-bit ones.
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
    let bandEnd: UnsafePointer<Int>
    /// Per bin (indexed by bin): Q12 weight and unweight.
    let weights: UnsafePointer<UInt32>
    let unweights: UnsafePointer<UInt32>
    /// Bins the scratch buffers of `apply` hold: the spectrum's size rounded up to whole groups of eight.
    let scratchBins: Int

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
        var weights = [UInt32](repeating: 0, count: spectrumSize)
        var unweights = [UInt32](repeating: 0, count: spectrumSize)
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
                weights[bin] = UInt32(UInt16(bitPattern: Int16(floorf(weight * scale + 0.5))))
                unweights[bin] = UInt32(UInt16(bitPattern: Int16(floorf((1.0 - weight) * scale + 0.5))))
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
        scratchBins = (spectrumSize + 7) / 8 * 8
    }

    /// Channel magnitudes from the FFT bins: energy per bin (int32 with the C code's wrap-around), weighted
    /// sums in 64 bits, square root, shifted down by `shift` (the FFT's input shift). Reads bins up to
    /// `scratchBins` of `real` and `imaginary`, uses `energy` (`scratchBins`) and `sums` (`channelCount`) as
    /// scratch, and writes `channelCount` values to `output`.
    @inline(__always)
    func apply(real: UnsafePointer<Int16>, imaginary: UnsafePointer<Int16>, shift: Int,
               energy: UnsafeMutablePointer<UInt32>, sums: UnsafeMutablePointer<UInt64>,
               output: UnsafeMutablePointer<UInt32>)
    {
        // re² + im² for eight bins at a time, from the group holding `startBin` on.
        var wrapped: UInt32 = 0
        var bin = startBin & ~7
        while bin < endBin {
            let re = load8(real + bin), im = load8(imaginary + bin)
            let low = unsafeBitCast(pairProducts(interleavedLow(re, im), interleavedLow(re, im)), to: SIMD4<UInt32>.self)
            let high = unsafeBitCast(pairProducts(interleavedHigh(re, im), interleavedHigh(re, im)), to: SIMD4<UInt32>.self)
            UnsafeMutableRawPointer(energy + bin).storeBytes(of: SIMD8(lowHalf: low, highHalf: high), as: SIMD8<UInt32>.self)
            wrapped |= (low | high).wrappedSum()
            bin &+= 8
        }
        // Bins of other groups than `startBin`'s may have wrapped too: look at the bins in use only.
        if wrapped & 0x8000_0000 != 0 && (startBin ..< endBin).contains(where: { energy[$0] & 0x8000_0000 != 0 }) {
            accumulate(energy, sums) { UInt64(bitPattern: Int64(Int32(bitPattern: $0))) }
        } else {
            accumulate(energy, sums) { UInt64($0) }
        }
        IntegerSquareRoot.roots(of: sums, count: channelCount, shift: shift, into: output)
    }

    /// The weighted sums of each channel's bins, energies widened to 64 bits by `widen`.
    @inline(__always)
    private func accumulate(_ energy: UnsafePointer<UInt32>, _ sums: UnsafeMutablePointer<UInt64>,
                            widen: (UInt32) -> UInt64)
    {
        var bin = startBin
        var carried: UInt64 = 0
        var band = 0
        while band <= channelCount {
            var weighted: UInt64 = 0, unweighted: UInt64 = 0
            let end = bandEnd[band]
            while bin < end {
                let value = widen(energy[bin])
                weighted &+= UInt64(weights[bin]) &* value
                unweighted &+= UInt64(unweights[bin]) &* value
                bin &+= 1
            }
            if band > 0 {
                sums[band &- 1] = carried &+ weighted
            }
            carried = unweighted
            band &+= 1
        }
    }
}
