/// `features:` augmentation and spectrogram generation into feature stores.
public struct FeaturesConfig: ConfigSection, Equatable {
    /// Where feature stores (and by default runs, models and reports) go.
    public var workDirectory = "work"
    /// Length every augmented clip is padded or cropped to, seconds.
    public var clipDurationSeconds = 3.2
    /// Range of the gap between the end of the wake word and the end of the clip, seconds.
    public var wordEndOffsetSeconds: ClosedRange<Double> = 0.195 ... 0.205
    /// Spectrograms per clip in each split, each shifted by one frame.
    public var slideFrames = PerSplitCounts(training: 10, validation: 1, testing: 1)
    /// Augmented copies of each clip in each split.
    public var repetitions = PerSplitCounts(training: 2, validation: 1, testing: 1)
    /// Length of the windows cut from background audio, seconds.
    public var ambientWindowSeconds = 10.0
    /// When validation or test has no background file of its own: the share of each held-out background file
    /// cut into `validation_ambient` (from its start) and `testing_ambient` (from its end).
    public var ambientFraction = AmbientShares(validation: 0.5, testing: 0.5)
    /// Per-transform probabilities and ranges.
    public var augmentation = AugmentationConfig()
    /// Worker threads; 0 means one per core.
    public var workers = 0
    /// Seed of all augmentation randomness (each clip draws from seed and clip id).
    public var seed = 42

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            .path("work_dir", \.workDirectory),
            ConfigField("clip_duration_s", \.clipDurationSeconds, .greaterThan(0)),
            ConfigField("word_end_offset_s", \.wordEndOffsetSeconds),
            ConfigField("slide_frames", \.slideFrames),
            ConfigField("repetitions", \.repetitions),
            ConfigField("ambient_window_s", \.ambientWindowSeconds, .greaterThan(0)),
            ConfigField("ambient_fraction", \.ambientFraction),
            ConfigField("augmentation", \.augmentation),
            ConfigField("workers", \.workers, .atLeast(0)),
            ConfigField("seed", \.seed),
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
