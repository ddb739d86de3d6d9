/// The frontend's stationary-noise suppression: per channel a low-pass noise estimate (Q`smoothingBits`,
/// smoothing coefficients in Q14, even and odd channels differ) is subtracted from the signal, keeping at
/// least `minSignalRemaining` of it. The estimate is state carried from frame to frame.
struct NoiseReduction: Sendable {
    static let coefficientBits = 14

    let smoothingBits: UInt32
    let evenSmoothing: UInt64
    let oddSmoothing: UInt64
    let minSignalRemaining: UInt64

    init(parameters: FrontendParameters) {
        let scale = Float(1 << Self.coefficientBits)
        smoothingBits = UInt32(parameters.smoothingBits)
        // The C code stores Float products in uint16 fields: truncation.
        evenSmoothing = UInt64(UInt16(parameters.evenSmoothing * scale))
        oddSmoothing = UInt64(UInt16(parameters.oddSmoothing * scale))
        minSignalRemaining = UInt64(UInt16(parameters.minSignalRemaining * scale))
    }

    /// Updates `estimate` and replaces each of the `count` channel values in `signal` by its noise-reduced value.
    @inline(__always)
    func apply(_ signal: UnsafeMutablePointer<UInt32>, estimate: UnsafeMutablePointer<UInt32>, count: Int) {
        let one: UInt64 = 1 << UInt64(Self.coefficientBits)
        var channel = 0
        while channel < count {
            let smoothing = channel & 1 == 0 ? evenSmoothing : oddSmoothing
            let scaledUp = signal[channel] &<< smoothingBits
            var newEstimate = UInt32(truncatingIfNeeded:
                (UInt64(scaledUp) &* smoothing &+ UInt64(estimate[channel]) &* (one &- smoothing)) >> 14)
            estimate[channel] = newEstimate
            if newEstimate > scaledUp { newEstimate = scaledUp }
            let floor = UInt32(truncatingIfNeeded: (UInt64(signal[channel]) &* minSignalRemaining) >> 14)
            let subtracted = (scaledUp &- newEstimate) >> smoothingBits
            signal[channel] = subtracted > floor ? subtracted : floor
            channel &+= 1
        }
    }
}
