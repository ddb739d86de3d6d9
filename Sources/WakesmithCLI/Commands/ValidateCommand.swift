import Config
import Dataset
import Foundation
import Support

/// `wakesmith validate`: one line per problem file, a summary per kind, exit 0 only when every file is usable.
enum ValidateCommand: Command {
    static let path = ["validate"]
    static let abstract = "check every dataset file (format, length, silence, clipping); --fix writes converted copies"
    static let discussion = """
    Checks every file under DATASET/{positive,negative,background,rir}: sample rate (16 kHz), sample format \
    (16-bit PCM, not float or other bit depths), mono, empty (0 bytes or no samples), unreadable (not audio, \
    corrupt, truncated), too short or too long for its kind, silent, clipped. Prints `path: problem` for each \
    bad file, files that are not audio, empty folders, and a summary per kind with the train/validation/test \
    split counts. Exit 0 when every file is usable, 1 otherwise. Limits and split ratios come from the \
    configuration (--config, else config.yaml beside the dataset folder or in the current folder, else the \
    built-in defaults). With --fix, files in the wrong format get 16 kHz 16-bit mono copies under \
    DATASET/.wakesmith-cache/converted/ (originals are never touched), which later stages use. Facts about \
    unchanged files are cached in DATASET/.wakesmith-cache/files.json, so a second run reads little.
    """
    static let options: [Option] = [
        .value("dataset", "DIR", "the dataset folder (default: dataset.root of the configuration)"),
        .value("config", "CFG", "configuration with the limits and split ratios"),
        .flag("fix", "write converted copies of files in the wrong format"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let (settings, source) = try datasetSettings(dataset: parsed.value("dataset"), config: parsed.value("config"))
        printOut("validating \(settings.root) (limits from \(source))")
        let fix = parsed.flag("fix")
        // Bars on a terminal; in logs only for datasets big enough to take a while.
        let shown = { (files: Int) in files > 0 && (StandardStream.error.isInteractiveTerminal || files >= 500) }
        let progress = DatasetValidator.Progress(
            scan: { ProgressBar(label: "scanning", total: $0, unit: "files", enabled: shown($0)) },
            check: { ProgressBar(label: fix ? "checking + converting" : "checking", total: $0, unit: "files", enabled: shown($0)) })
        let report = try DatasetValidator.validate(settings, fix: fix, progress: progress)
        for line in DatasetReportText.lines(report) { printOut(line) }
        return report.isUsable ? 0 : 1
    }

    /// The dataset settings to use and where they came from: `--config`, else `config.yaml` beside the
    /// dataset folder or in the current folder, else the built-in defaults; `--dataset` overrides the root.
    static func datasetSettings(dataset: String?, config: String?) throws -> (DatasetConfig, String) {
        let current = FileManager.default.currentDirectoryPath
        var candidates: [String] = []
        if let config {
            candidates = [config]
        } else {
            if let dataset { candidates.append((realPath(dataset) as NSString).deletingLastPathComponent + "/config.yaml") }
            candidates.append("config.yaml")
        }
        var settings = DatasetConfig().resolvingPaths(against: current)
        var source = "built-in defaults"
        if let found = candidates.first(where: { config != nil || FileManager.default.fileExists(atPath: $0) }) {
            settings = try ConfigLoader.load(path: found).dataset
            source = found
        }
        if let dataset { settings.root = realPath(dataset) }
        return (settings, source)
    }
}

/// The text `wakesmith validate` prints for a report.
enum DatasetReportText {
    static func lines(_ report: DatasetReport) -> [String] {
        var lines = report.problemFiles.map(\.line)
        lines += report.ignored.map { "\($0): ignored (not a .wav or .flac file)" }
        lines += report.emptyRequiredKinds.map { "\($0.rawValue)/: no audio files (required: add some, or run `wakesmith synth`)" }
        lines += report.emptyOptionalKinds.map { "warning: \($0.rawValue)/: no audio files (optional, but recommended)" }
        lines.append("")
        lines += table(report)
        lines.append("")
        let unusable = report.unusableFiles
        let fixable = unusable.filter { $0.problems.allSatisfy(\.isFixable) }.count
        if report.isUsable {
            lines.append("all files usable")
        } else if unusable.isEmpty {
            lines.append("dataset not usable: a required folder is empty (see above)")
        } else {
            let hint = fixable > 0 ? " (\(fixable) fixable with `wakesmith validate --fix`)" : ""
            lines.append("\(unusable.count) unusable file(s)\(hint)")
        }
        return lines
    }

    static func table(_ report: DatasetReport) -> [String] {
        let header = ["kind", "files", "hours", "problems", "fixed", "train", "validation", "test"]
        let summary = report.summary
        var rows = [header]
        for kind in SampleKind.allCases {
            let entry = summary[kind] ?? KindSummary()
            rows.append([kind.rawValue, "\(entry.files)", String(format: "%.3f", entry.hours), "\(entry.problems)", "\(entry.fixed)"]
                + Split.allCases.map { "\(entry.splits[$0] ?? 0)" })
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return ["dataset \(report.root)"] + rows.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
