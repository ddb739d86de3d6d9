/// Linear convolution with one fixed kernel (a room impulse response, a noise-colouring filter) through the
/// real FFT. The kernel's spectrum is computed once per FFT size and reused for every signal of that size,
/// so convolving a clip costs one forward and one inverse transform.
///
/// A `final class` because it keeps FFT plans, scratch and spectra; use one per thread.
public final class FFTConvolver {
    /// The kernel, as given.
    public let kernel: [Float]
    private var plans: [Int: (fft: RealFFT, real: [Float], imaginary: [Float])] = [:]
    private var signalReal: [Float] = []
    private var signalImaginary: [Float] = []
    private var output: [Float] = []

    public init(kernel: [Float]) {
        precondition(!kernel.isEmpty, "a convolution kernel needs at least one tap")
        self.kernel = kernel
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
        let fft = RealFFT(count: size)
        let (real, imaginary) = fft.forward(kernel)
        let plan = (fft, real, imaginary)
        plans[size] = plan
        return plan
    }
}
