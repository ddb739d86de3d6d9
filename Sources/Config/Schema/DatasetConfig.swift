/// The `dataset:` section of the configuration file, described by `summary` and `fields`.
public struct DatasetConfig: ConfigSection, Equatable {
    public var root = "dataset"
    public var splits = SplitRatios()
    public var groupPattern: String?
    public var positive = DurationLimits(minimumSeconds: 0.3, maximumSeconds: 5.0)
    public var negative = DurationLimits(minimumSeconds: 0.3, maximumSeconds: 30.0)
    public var background = DurationLimits(minimumSeconds: 1.0, maximumSeconds: 7200.0)
    public var rir = DurationLimits(minimumSeconds: 0.01, maximumSeconds: 5.0)
    public var silenceDBFS = -60.0
    public var clippingFraction = 0.01

    public init() {}

    public static let summary = "Where the audio lives and how it is checked and split."

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
            .path("root", \.root,
                  doc: "The dataset folder holding `positive/`, `negative/`, `background/` and `rir/` (absolute "
                       + "once loaded)."),
            ConfigField("splits", \.splits,
                        doc: "Shares of files for training, validation and test."),
            ConfigField("group_pattern", \.groupPattern, GroupPattern.check,
                        doc: "A regular expression with one capture group, searched in each file name; files whose "
                             + "group text is the same stay in one split (one voice, one speaker). Null splits file "
                             + "by file. Lookbehind is not supported."),
            ConfigField("positive", \.positive,
                        doc: "Accepted lengths of wake phrase clips."),
            ConfigField("negative", \.negative,
                        doc: "Accepted lengths of negative clips."),
            ConfigField("background", \.background,
                        doc: "Accepted lengths of background recordings."),
            ConfigField("rir", \.rir,
                        doc: "Accepted lengths of room impulse responses."),
            ConfigField("silence_dbfs", \.silenceDBFS,
                        doc: "A file whose peak is below this level (dBFS) counts as silent."),
            ConfigField("clipping_fraction", \.clippingFraction, .within(0 ... 1),
                        doc: "The share of full-scale samples above which a file counts as clipped."),
        ]
    }
}

/// A section of the configuration file, described by `summary` and `fields`.
public struct DurationLimits: ConfigSection, Equatable {
    public var minimumSeconds = 0.2
    public var maximumSeconds = 10.0

    public init() {}

    public static let summary = "Accepted duration range of one file of a kind, in seconds."

    public init(minimumSeconds: Double, maximumSeconds: Double) {
        self.minimumSeconds = minimumSeconds
        self.maximumSeconds = maximumSeconds
    }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("min_s", \.minimumSeconds, .atLeast(0),
                        doc: "Shortest accepted file."),
            ConfigField("max_s", \.maximumSeconds, .greaterThan(0),
                        doc: "Longest accepted file."),
        ]
    }
}

/// The `dataset.splits:` section of the configuration file, described by `summary` and `fields`.
public struct SplitRatios: ConfigSection, Equatable {
    public var train = 0.8
    public var validation = 0.1
    public var test = 0.1

    public init() {}

    public static let summary = "Shares of files per split; they must add up to 1."

    public init(train: Double, validation: Double, test: Double) {
        self.train = train
        self.validation = validation
        self.test = test
    }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("train", \.train, .within(0 ... 1),
                        doc: "Share of files for training."),
            ConfigField("validation", \.validation, .within(0 ... 1),
                        doc: "Share for validation (checkpoint selection)."),
            ConfigField("test", \.test, .within(0 ... 1),
                        doc: "Share for the final evaluation."),
        ]
    }

    public func validate(into report: inout SectionReport) {
        let total = train + validation + test
        if abs(total - 1) > 1e-6 {
            report.problem("split ratios must sum to 1, got \(total)")
        }
    }
}
