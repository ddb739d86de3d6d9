/// The `features.augmentation:` section of the configuration file, described by `summary` and `fields`.
public struct AugmentationConfig: ConfigSection, Equatable {
    public var sevenBandEQ = 0.1
    public var tanhDistortion = 0.1
    public var pitchShift = 0.1
    public var bandStop = 0.1
    public var colorNoise = 0.1
    public var backgroundNoise = 0.75
    public var backgroundSNRDecibels: ClosedRange<Double> = -5.0 ... 10.0
    public var gain = 1.0
    public var gainDecibels: ClosedRange<Double> = -6.0 ... 6.0
    public var rir = 0.5
    public var colorNoiseSNRDecibels: ClosedRange<Double> = 10.0 ... 40.0
    public var pitchSemitones: ClosedRange<Double> = -3.0 ... 3.0

    public init() {}

    public static let summary = "The chance of each transform per clip and their parameter ranges."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("seven_band_eq", \.sevenBandEQ, .within(0 ... 1),
                        doc: "Probability of a random 7-band parametric EQ."),
            ConfigField("tanh_distortion", \.tanhDistortion, .within(0 ... 1),
                        doc: "Probability of tanh distortion."),
            ConfigField("pitch_shift", \.pitchShift, .within(0 ... 1),
                        doc: "Probability of a pitch shift."),
            ConfigField("band_stop", \.bandStop, .within(0 ... 1),
                        doc: "Probability of a band-stop filter."),
            ConfigField("color_noise", \.colorNoise, .within(0 ... 1),
                        doc: "Probability of added coloured noise."),
            ConfigField("background_noise", \.backgroundNoise, .within(0 ... 1),
                        doc: "Probability of mixing in background audio."),
            ConfigField("background_snr_db", \.backgroundSNRDecibels,
                        doc: "Signal-to-noise range (dB) of background mixing."),
            ConfigField("gain", \.gain, .within(0 ... 1),
                        doc: "Probability of a random gain."),
            ConfigField("gain_db", \.gainDecibels,
                        doc: "Gain range (dB)."),
            ConfigField("rir", \.rir, .within(0 ... 1),
                        doc: "Probability of convolving with a room impulse response."),
            ConfigField("color_noise_snr_db", \.colorNoiseSNRDecibels,
                        doc: "Signal-to-noise range (dB) of added coloured noise."),
            ConfigField("pitch_semitones", \.pitchSemitones,
                        ValueCheck("within [-24, 24]") { $0.lowerBound >= -24 && $0.upperBound <= 24 ? nil : "must lie within [-24, 24]" },
                        doc: "Pitch shift range in semitones, within [-24, 24]."),
        ]
    }
}
