#if canImport(Glibc)
import Glibc
#endif
import DSP
import Support

/// One waveform transform of the augmentation chain, in the style of audiomentations: drawing the random
/// parameters of a clip is kept apart from applying them, so a clip's seed reproduces it exactly and tests
/// can apply chosen parameters.
///
/// Clips are mono Float samples at 16 kHz, 1.0 = full scale.
public protocol Augmentation: Sendable {
    /// What one application does: everything random about it, drawn in `drawParameters`.
    associatedtype Parameters: Sendable, Equatable

    /// The name in logs and store settings (audiomentations' class name where there is one).
    static var name: String { get }

    /// The chance that a clip gets this transform.
    var probability: Double { get }

    /// Draws a clip's parameters from its generator. `clipLength` is the clip's length in samples.
    func drawParameters(clipLength: Int, using generator: inout SeededGenerator) -> Parameters

    /// Applies drawn parameters to `clip` in place. `workspace` holds per-thread plans and scratch.
    func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) throws(Failure)
}

/// Per-thread state the transforms reuse from clip to clip: FFT convolvers (one per impulse response) and
/// the pitch shifter. A `final class` because it caches mutable plans; give each worker thread its own.
public final class AugmentationWorkspace {
    /// The audio sample rate (the device's 16 kHz).
    public let sampleRate: Double
    private var convolvers: [Int: FFTConvolver] = [:]
    let pitchShifter = PitchShifter()
    /// FFT plans by size, shared by every convolution this thread does.
    public let fftPlans = FFTPlans()

    public init(sampleRate: Double = 16000) {
        self.sampleRate = sampleRate
    }

    /// A convolver for `kernel`, made once per `key` (the kernel's identity: an impulse response index…).
    func convolver(key: Int, kernel: () -> [Float]) -> FFTConvolver {
        if let convolver = convolvers[key] { return convolver }
        let convolver = FFTConvolver(kernel: kernel(), plans: fftPlans)
        convolvers[key] = convolver
        return convolver
    }
}

/// audiomentations draws centre frequencies uniformly on the mel scale (2595 · log10(1 + f / 700)).
enum AudiomentationsMel {
    static func mel(_ frequency: Double) -> Double { 2595 * log10(1 + frequency / 700) }
    static func frequency(_ mel: Double) -> Double { 700 * (pow(10, mel / 2595) - 1) }

    /// A frequency drawn uniformly in mel between `range`'s ends.
    static func draw(_ range: ClosedRange<Double>, using generator: inout SeededGenerator) -> Double {
        frequency(generator.uniform(mel(range.lowerBound), mel(range.upperBound)))
    }
}
