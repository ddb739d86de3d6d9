#if canImport(Glibc)
import Glibc
#endif
import DSP
import Support

/// Adds (near-)Gaussian noise whose spectrum rises or falls by a slope drawn per clip (dB per octave: −3 pink,
/// −6 brown, +3 blue, 0 white) at a signal-to-noise ratio drawn per clip (audiomentations' `AddColorNoise`,
/// without A-weighting). The noise is white noise through a 128-tap filter with that slope (random phases),
/// scaled to unit RMS, then to the clip's RMS less the SNR.
public struct AddColorNoise: Augmentation {
    public static let name = "AddColorNoise"
    public var probability: Double
    public var snrDecibels: ClosedRange<Double>
    public var slopeDecibelsPerOctave: ClosedRange<Double> = -6 ... 6
    /// Length of the colouring filter (audiomentations' `n_fft`).
    public static let filterLength = 128

    public init(probability: Double, snrDecibels: ClosedRange<Double> = 10 ... 40) {
        self.probability = probability
        self.snrDecibels = snrDecibels
    }

    public struct Parameters: Sendable, Equatable {
        public var snrDecibels: Double, slopeDecibelsPerOctave: Double
        /// Seeds the noise samples and the filter's phases.
        public var noiseSeed: UInt64
        public init(snrDecibels: Double, slopeDecibelsPerOctave: Double, noiseSeed: UInt64) {
            self.snrDecibels = snrDecibels
            self.slopeDecibelsPerOctave = slopeDecibelsPerOctave
            self.noiseSeed = noiseSeed
        }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(snrDecibels: generator.uniform(snrDecibels.lowerBound, snrDecibels.upperBound),
                   slopeDecibelsPerOctave: generator.uniform(slopeDecibelsPerOctave.lowerBound, slopeDecibelsPerOctave.upperBound),
                   noiseSeed: generator.next())
    }

    /// Unit-RMS coloured noise of `length` samples.
    public func noise(_ parameters: Parameters, length: Int, sampleRate: Double, plans: FFTPlans = FFTPlans()) -> [Float] {
        var generator = SeededGenerator(seed: parameters.noiseSeed)
        let taps = Self.filterLength
        // Near-Gaussian white noise as the sum of four uniforms (Irwin–Hall; the colouring filter's 128
        // taps make it Gaussian anyway), a tenth of the cost of Box–Muller.
        let white = (0 ..< length + taps - 1).map { _ -> Float in
            var sum: UInt64 = 0
            for _ in 0 ..< 4 { sum &+= generator.next() >> 12 }
            return Float((Double(sum) * 0x1.0p-52 - 2) * 3.0.squareRoot())
        }
        var colored: [Float]
        if parameters.slopeDecibelsPerOctave == 0 {
            colored = Array(white[0 ..< length])
        } else {
            // Power ∝ f^−β with β = slope / (−10 · log10 2); the magnitude is its square root.
            let beta = parameters.slopeDecibelsPerOctave / (-10 * log10(2.0))
            let bins = taps / 2 + 1
            var real = [Float](repeating: 0, count: bins), imaginary = [Float](repeating: 0, count: bins)
            for bin in 0 ..< bins {
                let frequency = bin == 0 ? 1 : Double(bin) * sampleRate / Double(taps)
                let magnitude = (1 / pow(frequency, beta)).squareRoot()
                let phase = generator.uniform(0, 2 * Double.pi)
                real[bin] = Float(magnitude * cos(phase))
                imaginary[bin] = Float(magnitude * sin(phase))
            }
            imaginary[0] = 0
            imaginary[bins - 1] = 0
            let filter = plans.real(count: taps).inverse(real: real, imaginary: imaginary)
            // Keep only outputs that saw a whole filter's worth of noise.
            colored = Array(FFTConvolver(kernel: filter, plans: plans).convolve(white)[(taps - 1)...])
        }
        let rms = Float(SignalLevel.rms(colored))
        if rms > 0 { for index in colored.indices { colored[index] /= rms } }
        return colored
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) {
        guard !clip.isEmpty else { return }
        let target = Float(SignalLevel.rms(clip) / SignalLevel.amplitude(decibels: parameters.snrDecibels))
        guard target > 0 else { return }
        let noise = noise(parameters, length: clip.count, sampleRate: workspace.sampleRate, plans: workspace.fftPlans)
        for index in clip.indices { clip[index] += noise[index] * target }
    }
}
