import DSP
import Support

/// A random Butterworth band-stop filter (audiomentations' `BandStopFilter`): centre 200–4000 Hz drawn
/// in mel, bandwidth 0.5–1.99 × the centre, roll-off 12, 18 or 24 dB/octave (prototype order 2–4).
public struct BandStopFilter: Augmentation {
    public static let name = "BandStopFilter"
    public var probability: Double
    public var centreFrequency: ClosedRange<Double> = 200 ... 4000
    public var bandwidthFraction: ClosedRange<Double> = 0.5 ... 1.99
    /// Roll-off in dB/octave, multiples of 6.
    public var rolloff: ClosedRange<Int> = 12 ... 24

    public init(probability: Double) {
        self.probability = probability
    }

    public struct Parameters: Sendable, Equatable {
        public var centre: Double, bandwidth: Double, order: Int
        public init(centre: Double, bandwidth: Double, order: Int) {
            self.centre = centre
            self.bandwidth = bandwidth
            self.order = order
        }

        /// The rejected band's edges in Hz, the upper one kept below Nyquist as audiomentations does.
        public func edges(sampleRate: Double) -> (lower: Double, upper: Double) {
            (centre - bandwidth / 2, min(centre + bandwidth / 2, sampleRate / 2 * 0.9999))
        }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        let order = generator.integer(in: rolloff.lowerBound / 6 ... rolloff.upperBound / 6)
        let centre = AudiomentationsMel.draw(centreFrequency, using: &generator)
        let fraction = generator.uniform(bandwidthFraction.lowerBound, bandwidthFraction.upperBound)
        return Parameters(centre: centre, bandwidth: centre * fraction, order: order)
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) {
        let (lower, upper) = parameters.edges(sampleRate: workspace.sampleRate)
        Butterworth.bandStop(order: parameters.order, lower: lower, upper: upper, sampleRate: workspace.sampleRate)
            .filter(&clip)
    }
}
