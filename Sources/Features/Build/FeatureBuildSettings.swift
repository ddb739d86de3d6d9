import Support

/// Everything about the feature stage that decides what stores contain (the `features` section of the
/// configuration, as plain values).
public struct FeatureBuildSettings: Sendable, Equatable {
    /// Where stores go: `<work>/features/...`.
    public var workDirectory = "work"
    /// Length every augmented clip is padded or cropped to.
    public var clipDurationSeconds = 3.2
    /// Range of the gap between the end of the wake word and the clip end (drawn per clip).
    public var wordEndOffsetSeconds: ClosedRange<Double> = 0.195 ... 0.205
    /// Spectrograms per clip per store split, each shifted by one frame.
    public var slideFrames = ["training": 10, "validation": 1, "testing": 1]
    /// Augmented copies of each source per store split.
    public var repetitions = ["training": 2, "validation": 1, "testing": 1]
    /// Length of the windows cut from background audio for the ambient stores.
    public var ambientWindowSeconds = 10.0
    /// When validation or test has no background file of its own: the share of each held-out background
    /// file cut into validation_ambient (from its start) and testing_ambient (from its end).
    public var ambientFraction = (validation: 0.5, testing: 0.5)
    public var augmentation = AugmentationSettings()
    /// Worker threads; 0 = one per core.
    public var workers = 0
    /// Seed of all augmentation randomness.
    public var seed = 42

    public init() {}

    public static func == (lhs: FeatureBuildSettings, rhs: FeatureBuildSettings) -> Bool {
        lhs.workDirectory == rhs.workDirectory && lhs.clipDurationSeconds == rhs.clipDurationSeconds
            && lhs.wordEndOffsetSeconds == rhs.wordEndOffsetSeconds && lhs.slideFrames == rhs.slideFrames
            && lhs.repetitions == rhs.repetitions && lhs.ambientWindowSeconds == rhs.ambientWindowSeconds
            && lhs.ambientFraction == rhs.ambientFraction && lhs.augmentation == rhs.augmentation
            && lhs.workers == rhs.workers && lhs.seed == rhs.seed
    }

    /// Slides for a store split (at least 1).
    public func slides(_ split: String) -> Int { max(1, slideFrames[split] ?? 1) }

    /// Repetitions for a store split (at least 1).
    public func repetitionCount(_ split: String) -> Int { max(1, repetitions[split] ?? 1) }
}
