import DSP
import Support

/// Multiplies the clip by a gain drawn in decibels (audiomentations' `Gain`).
public struct Gain: Augmentation {
    public static let name = "Gain"
    public var probability: Double
    public var decibels: ClosedRange<Double>

    public init(probability: Double, decibels: ClosedRange<Double> = -6 ... 6) {
        self.probability = probability
        self.decibels = decibels
    }

    public struct Parameters: Sendable, Equatable {
        public var decibels: Double
        public init(decibels: Double) { self.decibels = decibels }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(decibels: generator.uniform(decibels.lowerBound, decibels.upperBound))
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace _: AugmentationWorkspace) {
        let factor = Float(SignalLevel.amplitude(decibels: parameters.decibels))
        for index in clip.indices { clip[index] *= factor }
    }
}
