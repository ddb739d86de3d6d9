/// `features.augmentation:` the chance of each transform per clip and their parameter ranges (the reference
/// probabilities of SPEC §4).
public struct AugmentationConfig: ConfigSection, Equatable {
    /// Probability of a random 7-band parametric EQ.
    public var sevenBandEQ = 0.1
    /// Probability of tanh distortion.
    public var tanhDistortion = 0.1
    /// Probability of a pitch shift.
    public var pitchShift = 0.1
    /// Probability of a band-stop filter.
    public var bandStop = 0.1
    /// Probability of added coloured noise.
    public var colorNoise = 0.1
    /// Probability of mixing in background audio.
    public var backgroundNoise = 0.75
    /// Signal-to-noise range (dB) of background mixing.
    public var backgroundSNRDecibels: ClosedRange<Double> = -5.0 ... 10.0
    /// Probability of a random gain.
    public var gain = 1.0
    /// Gain range (dB).
    public var gainDecibels: ClosedRange<Double> = -6.0 ... 6.0
    /// Probability of convolving with a room impulse response.
    public var rir = 0.5
    /// Signal-to-noise range (dB) of added coloured noise.
    public var colorNoiseSNRDecibels: ClosedRange<Double> = 10.0 ... 40.0
    /// Pitch shift range in semitones, within [-24, 24].
    public var pitchSemitones: ClosedRange<Double> = -3.0 ... 3.0

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("seven_band_eq", \.sevenBandEQ, .within(0 ... 1)),
            ConfigField("tanh_distortion", \.tanhDistortion, .within(0 ... 1)),
            ConfigField("pitch_shift", \.pitchShift, .within(0 ... 1)),
            ConfigField("band_stop", \.bandStop, .within(0 ... 1)),
            ConfigField("color_noise", \.colorNoise, .within(0 ... 1)),
            ConfigField("background_noise", \.backgroundNoise, .within(0 ... 1)),
            ConfigField("background_snr_db", \.backgroundSNRDecibels),
            ConfigField("gain", \.gain, .within(0 ... 1)),
            ConfigField("gain_db", \.gainDecibels),
            ConfigField("rir", \.rir, .within(0 ... 1)),
            ConfigField("color_noise_snr_db", \.colorNoiseSNRDecibels),
            ConfigField("pitch_semitones", \.pitchSemitones,
                        ValueCheck { $0.lowerBound >= -24 && $0.upperBound <= 24 ? nil : "must lie within [-24, 24]" }),
        ]
    }
}
