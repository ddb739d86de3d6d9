import DSP
import Support

/// A random seven-band equaliser (audiomentations' `SevenBandParametricEQ`): a low shelf, five peaking
/// bells and a high shelf, each with a gain, centre frequency (drawn uniformly in mel within its band)
/// and Q drawn per clip.
public struct SevenBandParametricEQ: Augmentation {
    public static let name = "SevenBandParametricEQ"
    public var probability: Double
    public var gainDecibels: ClosedRange<Double>

    /// Centre-frequency ranges of the bands, low shelf first, high shelf last (audiomentations' values).
    public static let bands: [ClosedRange<Double>] = [
        42 ... 95, 91 ... 204, 196 ... 441, 421 ... 948, 909 ... 2045, 1957 ... 4404, 4216 ... 9486,
    ]
    static let shelfQ: ClosedRange<Double> = 0.1 ... 0.999
    static let peakQ: ClosedRange<Double> = 0.5 ... 5

    public init(probability: Double, gainDecibels: ClosedRange<Double> = -6 ... 6) {
        self.probability = probability
        self.gainDecibels = gainDecibels
    }

    public struct Band: Sendable, Equatable {
        public var frequency: Double, gainDecibels: Double, q: Double
        public init(frequency: Double, gainDecibels: Double, q: Double) {
            self.frequency = frequency
            self.gainDecibels = gainDecibels
            self.q = q
        }
    }

    public struct Parameters: Sendable, Equatable {
        /// Seven bands: low shelf, five peaks, high shelf.
        public var bands: [Band]
        public init(bands: [Band]) { self.bands = bands }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(bands: Self.bands.enumerated().map { index, range in
            let frequency = AudiomentationsMel.draw(range, using: &generator)
            let gain = generator.uniform(gainDecibels.lowerBound, gainDecibels.upperBound)
            let q = index == 0 || index == Self.bands.count - 1 ? Self.shelfQ : Self.peakQ
            return Band(frequency: frequency, gainDecibels: gain, q: generator.uniform(q.lowerBound, q.upperBound))
        })
    }

    /// The filters the parameters describe.
    public func cascade(_ parameters: Parameters, sampleRate: Double) -> BiquadCascade {
        let last = parameters.bands.count - 1
        return BiquadCascade(parameters.bands.enumerated().map { index, band in
            switch index {
            case 0:
                return .lowShelf(frequency: band.frequency, gainDecibels: band.gainDecibels, q: band.q, sampleRate: sampleRate)
            case last:
                // Above Nyquist the shelf would be unstable: audiomentations moves it just below.
                let frequency = min(band.frequency, sampleRate / 2 * 0.9999)
                return .highShelf(frequency: frequency, gainDecibels: band.gainDecibels, q: band.q, sampleRate: sampleRate)
            default:
                return .peaking(frequency: band.frequency, gainDecibels: band.gainDecibels, q: band.q, sampleRate: sampleRate)
            }
        })
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) {
        cascade(parameters, sampleRate: workspace.sampleRate).filter(&clip)
    }
}
