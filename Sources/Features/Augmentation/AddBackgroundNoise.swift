import DSP
import Support

/// Mixes a stretch of one of a set of background recordings into the clip at a signal-to-noise ratio drawn
/// per clip (the reference's `AddBackgroundNoiseFromArrays`). Recordings are held in memory as 16-bit
/// samples and loaded once; shorter ones are tiled; the noise's polarity is flipped at random. A silent
/// clip (or silent noise) is left alone, as in audiomentations.
public struct AddBackgroundNoise: Augmentation {
    public static let name = "AddBackgroundNoise"
    public var probability: Double
    public var snrDecibels: ClosedRange<Double>
    /// The recordings (empty ones are left out).
    public let sounds: [[Int16]]

    public init(probability: Double, snrDecibels: ClosedRange<Double> = -5 ... 10, sounds: [[Int16]]) {
        self.probability = probability
        self.snrDecibels = snrDecibels
        self.sounds = sounds.filter { !$0.isEmpty }
    }

    public struct Parameters: Sendable, Equatable {
        public var sound: Int, offset: Int, snrDecibels: Double, inverted: Bool
        public init(sound: Int, offset: Int, snrDecibels: Double, inverted: Bool) {
            self.sound = sound
            self.offset = offset
            self.snrDecibels = snrDecibels
            self.inverted = inverted
        }
    }

    public func drawParameters(clipLength: Int, using generator: inout SeededGenerator) -> Parameters {
        let sound = generator.integer(in: 0 ..< max(1, sounds.count))
        let spare = sounds.isEmpty ? 0 : max(0, sounds[sound].count - clipLength)
        return Parameters(sound: sound, offset: generator.integer(in: 0 ... spare),
                          snrDecibels: generator.uniform(snrDecibels.lowerBound, snrDecibels.upperBound),
                          inverted: generator.chance(0.5))
    }

    /// The noise the parameters pick, in 16-bit units, `length` samples (tiled when the recording is short).
    public func noise(_ parameters: Parameters, length: Int) -> [Float] {
        let sound = sounds[parameters.sound]
        let available = sound.count - parameters.offset
        return (0 ..< length).map { index in
            index < available ? Float(sound[parameters.offset + index]) : Float(sound[(index - available) % sound.count])
        }
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace _: AugmentationWorkspace) {
        guard sounds.indices.contains(parameters.sound), !clip.isEmpty else { return }
        let noise = noise(parameters, length: clip.count)
        let noiseRMS = SignalLevel.rms(noise), cleanRMS = SignalLevel.rms(clip)
        guard noiseRMS >= 1e-3, cleanRMS > 0 else { return }
        var gain = cleanRMS / SignalLevel.amplitude(decibels: parameters.snrDecibels) / noiseRMS
        if parameters.inverted { gain = -gain }
        let factor = Float(gain)
        for index in clip.indices { clip[index] += noise[index] * factor }
    }
}
