import Support

/// Which transforms run, in what order and how likely (SPEC §4; defaults are the reference's
/// probabilities and ranges). Values only: the material (background recordings, impulse responses) is
/// given to `AugmentationChain` separately.
public struct AugmentationSettings: Sendable, Equatable, Codable {
    public var sevenBandEQ = 0.1
    public var tanhDistortion = 0.1
    public var pitchShift = 0.1
    public var bandStop = 0.1
    public var colorNoise = 0.1
    public var backgroundNoise = 0.75
    public var backgroundSNRDecibels: ClosedRange<Double> = -5 ... 10
    public var gain = 1.0
    public var gainDecibels: ClosedRange<Double> = -6 ... 6
    public var rir = 0.5
    public var colorNoiseSNRDecibels: ClosedRange<Double> = 10 ... 40
    public var pitchSemitones: ClosedRange<Double> = -3 ... 3

    public init() {}

    /// No transform at all (every probability 0).
    public static var none: AugmentationSettings {
        var settings = AugmentationSettings()
        settings.sevenBandEQ = 0
        settings.tanhDistortion = 0
        settings.pitchShift = 0
        settings.bandStop = 0
        settings.colorNoise = 0
        settings.backgroundNoise = 0
        settings.gain = 0
        settings.rir = 0
        return settings
    }
}

/// The augmentation chain, in signal-path order: the talker's voice is coloured (EQ, distortion, pitch, band
/// stop), the room reverberates it, background sound and sensor noise add at the microphone, and the input
/// gain scales everything. Transforms whose material is missing (no background or impulse-response files)
/// or whose probability is 0 are left out.
///
/// Randomness: each transform draws from its own stream of the clip's seed (`SeededGenerator(seed:
/// clipSeed, stream: position)`), first whether it applies, then its parameters; so a clip's seed
/// reproduces it exactly, whatever thread renders it.
public struct AugmentationChain: Sendable {
    /// The transforms, in order.
    public let transforms: [any Augmentation]

    public init(_ transforms: [any Augmentation]) {
        self.transforms = transforms.filter { $0.probability > 0 }
    }

    public init(settings: AugmentationSettings, backgrounds: [[Int16]], impulseResponses: [[Float]]) {
        var transforms: [any Augmentation] = [
            SevenBandParametricEQ(probability: settings.sevenBandEQ),
            TanhDistortion(probability: settings.tanhDistortion),
            PitchShift(probability: settings.pitchShift, semitones: settings.pitchSemitones),
            BandStopFilter(probability: settings.bandStop),
        ]
        let responses = ApplyImpulseResponse(probability: settings.rir, responses: impulseResponses)
        if !responses.responses.isEmpty { transforms.append(responses) }
        let noise = AddBackgroundNoise(probability: settings.backgroundNoise, snrDecibels: settings.backgroundSNRDecibels,
                                       sounds: backgrounds)
        if !noise.sounds.isEmpty { transforms.append(noise) }
        transforms.append(AddColorNoise(probability: settings.colorNoise, snrDecibels: settings.colorNoiseSNRDecibels))
        transforms.append(Gain(probability: settings.gain, decibels: settings.gainDecibels))
        self.init(transforms)
    }

    /// The names of the transforms, in order.
    public var names: [String] { transforms.map { type(of: $0).name } }

    /// Augments `clip` in place with the randomness of `clipSeed`; returns the names of the transforms
    /// that ran.
    @discardableResult
    public func apply(to clip: inout [Float], clipSeed: UInt64, workspace: AugmentationWorkspace) throws(Failure) -> [String] {
        var applied: [String] = []
        for (position, transform) in transforms.enumerated() {
            var generator = SeededGenerator(seed: clipSeed, stream: UInt64(position))
            if try Self.run(transform, on: &clip, generator: &generator, workspace: workspace) {
                applied.append(type(of: transform).name)
            }
        }
        return applied
    }

    private static func run<A: Augmentation>(_ transform: A, on clip: inout [Float], generator: inout SeededGenerator,
                                             workspace: AugmentationWorkspace) throws(Failure) -> Bool
    {
        guard generator.chance(transform.probability) else { return false }
        let parameters = transform.drawParameters(clipLength: clip.count, using: &generator)
        try transform.apply(parameters, to: &clip, workspace: workspace)
        return true
    }
}
