/// Linear convolution with one fixed kernel (a room impulse response, a noise-colouring filter) through the
/// real FFT. The kernel's spectrum is computed once per FFT size and reused for every signal of that size,
/// so convolving a clip costs one forward and one inverse transform.
///
/// A `final class` because it keeps FFT plans, scratch and spectra; use one per thread.
public final class FFTConvolver {
    /// The kernel, as given.
    public let kernel: [Float]
    private let fftPlans: FFTPlans
    private var plans: [Int: (fft: RealFFT, real: [Float], imaginary: [Float])] = [:]
    private var signalReal: [Float] = []
    private var signalImaginary: [Float] = []
    private var output: [Float] = []

    /// - Parameter plans: where FFT plans come from; share one per thread so convolvers made per clip
    ///   reuse the plans (and their twiddle tables).
    public init(kernel: [Float], plans: FFTPlans = FFTPlans()) {
        precondition(!kernel.isEmpty, "a convolution kernel needs at least one tap")
        self.kernel = kernel
        fftPlans = plans
    }

    /// The first `signal.count` samples of `signal ∗ kernel`: the kernel's response starts at each input
    /// sample and whatever would run past the end of the signal is dropped.
    public func convolve(_ signal: [Float]) -> [Float] {
        guard !signal.isEmpty else { return [] }
        let size = RealFFT.size(atLeast: signal.count + kernel.count - 1)
        let plan = spectrum(size: size)
        let bins = size / 2 + 1
        if signalReal.count < bins {
            signalReal = [Float](repeating: 0, count: bins)
            signalImaginary = [Float](repeating: 0, count: bins)
        }
        if output.count < size { output = [Float](repeating: 0, count: size) }
        signal.withUnsafeBufferPointer { input in
            signalReal.withUnsafeMutableBufferPointer { sr in
                signalImaginary.withUnsafeMutableBufferPointer { si in
                    plan.fft.forward(input, real: sr.baseAddress!, imaginary: si.baseAddress!)
                    plan.real.withUnsafeBufferPointer { kr in
                        plan.imaginary.withUnsafeBufferPointer { ki in
                            for k in 0 ..< bins {
                                let re = sr[k] * kr[k] - si[k] * ki[k]
                                let im = sr[k] * ki[k] + si[k] * kr[k]
                                sr[k] = re
                                si[k] = im
                            }
                        }
                    }
                    output.withUnsafeMutableBufferPointer { out in
                        plan.fft.inverse(real: sr.baseAddress!, imaginary: si.baseAddress!, output: out.baseAddress!)
                    }
                }
            }
        }
        return Array(output[0 ..< signal.count])
    }

    private func spectrum(size: Int) -> (fft: RealFFT, real: [Float], imaginary: [Float]) {
        if let plan = plans[size] { return plan }
        let fft = fftPlans.real(count: size)
        let (real, imaginary) = fft.forward(kernel)
        let plan = (fft, real, imaginary)
        plans[size] = plan
        return plan
    }
}

/// Real FFT plans by size, made once and reused. A `final class` because it caches plans that own
/// scratch memory; use one per thread.
public final class FFTPlans {
    private var plans: [Int: RealFFT] = [:]

    public init() {}

    /// The plan for `count` real samples (a power of two ≥ 4).
    public func real(count: Int) -> RealFFT {
        if let plan = plans[count] { return plan }
        let plan = RealFFT(count: count)
        plans[count] = plan
        return plan
    }
}
