import Foundation

/// What happened to one stage in a run.
public struct StageOutcome: Sendable {
    public enum Status: String, Sendable {
        /// The stage did its work.
        case ran
        /// Its inputs were those of its last completed run and its outputs exist.
        case skipped
        /// It ran and found nothing to do (feature stores up to date).
        case upToDate = "up to date"
        case failed
        case interrupted
    }

    /// The stage's name (`train`; the demo adds `synth`).
    public let name: String
    public let status: Status
    public let seconds: Double
    public let figure: String

    public init(name: String, status: Status, seconds: Double, figure: String) {
        self.name = name
        self.status = status
        self.seconds = seconds
        self.figure = figure
    }
}

/// The end of `wakesmith run`: one line per stage, where the results are, the headline.
public struct RunSummary: Sendable {
    public var outcomes: [StageOutcome] = []
    public var warnings: [String] = []
    public var model: String?
    public var manifest: String?
    public var report: String?
    public var headline: String?
    /// The evidence behind the headline's false-accept rate (count, hours, upper bound).
    public var evidence: String?

    public init() {}

    /// The stage table, then the paths and the headline that exist.
    public var lines: [String] {
        let rows = outcomes.map { outcome in
            [outcome.name, outcome.status.rawValue,
             outcome.status == .skipped ? "" : Self.duration(outcome.seconds), outcome.figure]
        }
        let header = ["stage", "status", "time", "result"]
        let widths = (0 ..< 3).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            let time = String(repeating: " ", count: widths[2] - row[2].count) + row[2]
            return [row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0),
                    row[1].padding(toLength: widths[1], withPad: " ", startingAt: 0), time, row[3]]
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [format(header)] + rows.map(format)
        let total = outcomes.reduce(0) { $0 + $1.seconds }
        lines.append("total \(Self.duration(total))")
        lines += warnings.map { "warning: \($0)" }
        if let model { lines.append("model:    \(model)") }
        if let manifest { lines.append("manifest: \(manifest)") }
        if let report { lines.append("report:   \(report)") }
        if let headline { lines.append(headline) }
        if let evidence { lines.append(evidence) }
        return lines
    }

    /// `0.4 s`, `1 min 07 s`.
    public static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return String(format: "%d min %02d s", whole / 60, whole % 60)
    }
}
