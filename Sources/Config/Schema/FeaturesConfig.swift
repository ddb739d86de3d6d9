/// The `features:` section of the configuration file, described by `summary` and `fields`.
public struct FeaturesConfig: ConfigSection, Equatable {
    public var workDirectory = "work"
    public var clipDurationSeconds = 3.2
    public var wordEndOffsetSeconds: ClosedRange<Double> = 0.195 ... 0.205
    public var slideFrames = PerSplitCounts(training: 10, validation: 1, testing: 1)
    public var repetitions = PerSplitCounts(training: 2, validation: 1, testing: 1)
    public var ambientWindowSeconds = 10.0
    public var ambientFraction = AmbientShares(validation: 0.5, testing: 0.5)
    public var augmentation = AugmentationConfig()
    public var workers = 0
    public var seed = 42

    public init() {}

    public static let summary = "Augmentation and spectrogram generation into feature stores."

    public static var fields: [ConfigField<Self>] {
        [
            .path("work_dir", \.workDirectory,
                  doc: "Where feature stores (and by default runs, models and reports) go."),
            ConfigField("clip_duration_s", \.clipDurationSeconds, .greaterThan(0),
                        doc: "Length every augmented clip is padded or cropped to, seconds."),
            ConfigField("word_end_offset_s", \.wordEndOffsetSeconds,
                        doc: "Range of the gap between the end of the wake word and the end of the clip, seconds."),
            ConfigField("slide_frames", \.slideFrames,
                        doc: "Spectrograms per clip in each split, each shifted by one frame."),
            ConfigField("repetitions", \.repetitions,
                        doc: "Augmented copies of each clip in each split."),
            ConfigField("ambient_window_s", \.ambientWindowSeconds, .greaterThan(0),
                        doc: "Length of the windows cut from background audio, seconds."),
            ConfigField("ambient_fraction", \.ambientFraction,
                        doc: "When validation or test has no background file of its own: the share of each "
                             + "held-out background file cut into `validation_ambient` (from its start) and "
                             + "`testing_ambient` (from its end)."),
            ConfigField("augmentation", \.augmentation,
                        doc: "Per-transform probabilities and ranges."),
            ConfigField("workers", \.workers, .atLeast(0),
                        doc: "Worker threads; 0 means one per core."),
            ConfigField("seed", \.seed,
                        doc: "Seed of all augmentation randomness (each clip draws from seed and clip id)."),
        ]
    }

    public func validate(into report: inout SectionReport) {
        let offsets = wordEndOffsetSeconds
        if !(offsets.lowerBound >= 0 && offsets.upperBound < clipDurationSeconds) {
            report.problem("must be [low, high] with 0 <= low <= high < clip_duration_s (\(clipDurationSeconds)), "
                + "got [\(offsets.lowerBound), \(offsets.upperBound)]", key: "word_end_offset_s")
        }
    }
}
