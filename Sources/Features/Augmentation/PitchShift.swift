import DSP
import Support

/// Moves the clip's pitch by a number of semitones drawn per clip and keeps its length
/// (audiomentations' `PitchShift`; here WSOLA plus resampling, see DSP's `PitchShifter`).
public struct PitchShift: Augmentation {
    public static let name = "PitchShift"
    public var probability: Double
    public var semitones: ClosedRange<Double>

    public init(probability: Double, semitones: ClosedRange<Double> = -3 ... 3) {
        self.probability = probability
        self.semitones = semitones
    }

    public struct Parameters: Sendable, Equatable {
        public var semitones: Double
        public init(semitones: Double) { self.semitones = semitones }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(semitones: generator.uniform(semitones.lowerBound, semitones.upperBound))
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) throws(Failure) {
        clip = try workspace.pitchShifter.shift(clip, semitones: parameters.semitones, sampleRate: workspace.sampleRate)
    }
}
