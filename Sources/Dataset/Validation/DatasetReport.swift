/// One checked file: its problems and whether an up-to-date converted copy exists.
public struct FileReport: Sendable {
    public let record: SampleRecord
    public let problems: [FileProblem]
    /// An up-to-date converted copy exists (made now with `--fix`, or earlier).
    public let isFixed: Bool

    /// Usable when it has no problems, or only format problems that a converted copy has fixed.
    public var isUsable: Bool {
        problems.isEmpty || (isFixed && problems.allSatisfy(\.isFixable))
    }

    /// `positive/a.wav: not mono: 2 channels -> fixed (converted copy)`, as `wakesmith validate` prints it.
    public var line: String {
        var text = problems.map(\.message).joined(separator: "; ")
        if isFixed, !problems.isEmpty {
            text += problems.allSatisfy(\.isFixable) ? " -> fixed (converted copy)" : " -> format fixed (converted copy)"
        }
        return "\(record.relativePath): \(text)"
    }
}

/// Files, hours, problems, fixes and split counts of one kind, for the summary table.
public struct KindSummary: Equatable, Sendable {
    public var files = 0
    public var hours = 0.0
    /// Files that are not usable.
    public var problems = 0
    /// Files with problems that have an up-to-date converted copy.
    public var fixed = 0
    public var splits: [Split: Int] = [.train: 0, .validation: 0, .test: 0]

    public init() {}
}

/// The whole dataset checked: per-file reports, files that are not audio, missing or empty kinds.
public struct DatasetReport: Sendable {
    /// Kinds without which a dataset cannot be trained on.
    public static let requiredKinds: [SampleKind] = [.positive, .negative]

    public let root: String
    public let files: [FileReport]
    /// Relative paths of files that are not `.wav`/`.flac` (reported, never read).
    public let ignored: [String]
    public let missingKinds: [SampleKind]

    /// Required kinds with no audio file.
    public var emptyRequiredKinds: [SampleKind] {
        Self.requiredKinds.filter { kind in !files.contains { $0.record.kind == kind } }
    }

    /// Optional kinds (background, room responses) with no audio file.
    public var emptyOptionalKinds: [SampleKind] {
        SampleKind.allCases.filter { kind in !Self.requiredKinds.contains(kind) && !files.contains { $0.record.kind == kind } }
    }

    public var problemFiles: [FileReport] { files.filter { !$0.problems.isEmpty } }
    public var unusableFiles: [FileReport] { files.filter { !$0.isUsable } }

    /// Every file usable and both required kinds present.
    public var isUsable: Bool { emptyRequiredKinds.isEmpty && files.allSatisfy(\.isUsable) }

    public var summary: [SampleKind: KindSummary] {
        var result = Dictionary(uniqueKeysWithValues: SampleKind.allCases.map { ($0, KindSummary()) })
        for report in files {
            var entry = result[report.record.kind] ?? KindSummary()
            entry.files += 1
            entry.hours += report.record.durationSeconds / 3600
            entry.problems += report.isUsable ? 0 : 1
            entry.fixed += report.isFixed && !report.problems.isEmpty ? 1 : 0
            if let split = report.record.split { entry.splits[split, default: 0] += 1 }
            result[report.record.kind] = entry
        }
        return result
    }
}
