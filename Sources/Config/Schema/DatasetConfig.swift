/// `dataset:` where the audio lives and how it is checked and split.
public struct DatasetConfig: ConfigSection, Equatable {
    /// The dataset folder holding `positive/`, `negative/`, `background/` and `rir/` (absolute once loaded).
    public var root = "dataset"
    /// Shares of files for training, validation and test.
    public var splits = SplitRatios()
    /// A regular expression with one capture group, searched in each file name; files whose group text is
    /// the same stay in one split (one voice, one speaker). Nil splits file by file. See `GroupPattern`.
    public var groupPattern: String?
    /// Accepted lengths of wake phrase clips.
    public var positive = DurationLimits(minimumSeconds: 0.3, maximumSeconds: 5.0)
    /// Accepted lengths of negative clips.
    public var negative = DurationLimits(minimumSeconds: 0.3, maximumSeconds: 30.0)
    /// Accepted lengths of background recordings.
    public var background = DurationLimits(minimumSeconds: 1.0, maximumSeconds: 7200.0)
    /// Accepted lengths of room impulse responses.
    public var rir = DurationLimits(minimumSeconds: 0.01, maximumSeconds: 5.0)
    /// A file whose peak is below this level (dBFS) counts as silent.
    public var silenceDBFS = -60.0
    /// The share of full-scale samples above which a file counts as clipped.
    public var clippingFraction = 0.01

    public init() {}

    /// The length limits for files of one kind (`positive`, `negative`, `background`, `rir`).
    public func limits(forKind kind: String) -> DurationLimits? {
        switch kind {
        case "positive": positive
        case "negative": negative
        case "background": background
        case "rir": rir
        default: nil
        }
    }

    public static var fields: [ConfigField<Self>] {
        [
            .path("root", \.root),
            ConfigField("splits", \.splits),
            ConfigField("group_pattern", \.groupPattern, GroupPattern.check),
            ConfigField("positive", \.positive),
            ConfigField("negative", \.negative),
            ConfigField("background", \.background),
            ConfigField("rir", \.rir),
            ConfigField("silence_dbfs", \.silenceDBFS),
            ConfigField("clipping_fraction", \.clippingFraction, .within(0 ... 1)),
        ]
    }
}

/// Accepted duration range of one file of a kind, in seconds.
public struct DurationLimits: ConfigSection, Equatable {
    /// Shortest accepted file.
    public var minimumSeconds = 0.2
    /// Longest accepted file.
    public var maximumSeconds = 10.0

    public init() {}

    public init(minimumSeconds: Double, maximumSeconds: Double) {
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = maximumSeconds
    }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("min_s", \.minimumSeconds, .atLeast(0)),
            ConfigField("max_s", \.maximumSeconds, .greaterThan(0)),
        ]
    }
}

/// `dataset.splits:` shares of files per split; they must add up to 1.
public struct SplitRatios: ConfigSection, Equatable {
    /// Share of files for training.
    public var train = 0.8
    /// Share for validation (checkpoint selection).
    public var validation = 0.1
    /// Share for the final evaluation.
    public var test = 0.1

    public init() {}

    public init(train: Double, validation: Double, test: Double) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("train", \.train, .within(0 ... 1)),
            ConfigField("validation", \.validation, .within(0 ... 1)),
            ConfigField("test", \.test, .within(0 ... 1)),
        ]
    }

    public func validate(into report: inout SectionReport) {
        let total = train + validation + test
        if abs(total - 1) > 1e-6 {
            report.problem("split ratios must sum to 1, got \(total)")
        }
    }
}
