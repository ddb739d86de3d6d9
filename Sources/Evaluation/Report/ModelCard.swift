import Foundation
import Reporting
import Support

/// `model_card.md` beside the exported model: what a user needs to trust (or distrust) the numbers. The
/// manifest's schema is closed (SPEC §3), so everything beyond its five `micro` keys lives here, never in
/// the manifest.
public struct ModelCard: Sendable {
    /// The card's file name, beside the manifest.
    public static let fileName = "model_card.md"

    /// One feature store behind the numbers.
    public struct DataRow: Sendable {
        public var set: String
        public var split: String
        public var clips: Int
        public var hours: Double?
        public var sources: Int?
        public init(set: String, split: String, clips: Int, hours: Double?, sources: Int?) {
            self.set = set
            self.split = split
            self.clips = clips
            self.hours = hours
            self.sources = sources
        }
    }

    public var wakeWord: String
    public var modelFile: String
    public var modelBytes: Int
    public var manifestFile: String
    public var arenaBytes: Int
    /// How the numbers were measured ("int8 streaming model in wakesmith's emulator, ESPHome 2026.6 rules").
    public var measuredWith: String
    public var configHash: String?
    public var data: [DataRow]

    public init(wakeWord: String, modelFile: String, modelBytes: Int, manifestFile: String, arenaBytes: Int,
                measuredWith: String, configHash: String? = nil, data: [DataRow] = [])
    {
        self.wakeWord = wakeWord
        self.modelFile = modelFile
        self.modelBytes = modelBytes
        self.manifestFile = manifestFile
        self.arenaBytes = arenaBytes
        self.measuredWith = measuredWith
        self.configHash = configHash
        self.data = data
    }

    /// The facts of the card as (label, value) lines, shared by the Markdown and HTML forms.
    func facts(_ result: EvaluationResult) -> [(String, String)] {
        var lines: [(String, String)] = [
            ("Model", "\(modelFile) (\(modelBytes) bytes), manifest \(manifestFile)"),
            ("Probability cutoff in the manifest", String(format: "%.2f", result.choice.cutoff)
                + "; sliding window \(result.settings.slidingWindow)"),
            ("Tensor arena (manifest)", "\(arenaBytes) bytes"),
            ("Headline", result.headline),
            ("False accepts behind it", result.evidence),
        ]
        for point in result.operatingPoints {
            let rejection = String(format: "%.1f %% (cutoff %.2f", (1 - point.recall) * 100, point.cutoff)
            lines.append(("At \(String(format: "%g", point.target)) false accepts/hour",
                          "false rejection \(rejection), upper bound \(EvaluationResult.rateText(point.upperBound)) per hour"
                              + (point.meetsTarget ? ")" : "; target not shown)")))
        }
        lines.append(("Ambient audio", "\(EvaluationResult.hoursText(result.windowRates.hours)) "
                + "in \(result.ambientRecordings) recording\(result.ambientRecordings == 1 ? "" : "s")"))
        lines.append(("Average viable recall", String(format: "%.3f", result.averageViableRecall)))
        lines.append(("Measured with", measuredWith + "; cool-down of \(result.settings.cooldownSteps) inferences "
                + "after each counted false accept"))
        if let configHash { lines.append(("Config hash", configHash)) }
        return lines
    }

    private var dataTable: HTMLTable {
        HTMLTable(headers: ["set", "split", "clips", "hours", "source files"], rows: data.map { row in
            [row.set, row.split, String(row.clips), row.hours.map { String(format: "%.2f", $0) } ?? "–",
             row.sources.map(String.init) ?? "–"]
        }, numeric: [2, 3, 4])
    }

    /// The card as Markdown (`model_card.md`).
    public func markdown(_ result: EvaluationResult) -> String {
        var lines = ["# Model card: \(wakeWord)", ""]
        lines += facts(result).map { "- \($0.0): \($0.1)" }
        if !data.isEmpty {
            lines += ["", "## Data", "", "| set | split | clips | hours | source files |", "|---|---|---|---|---|"]
            lines += dataTable.rows.map { "| " + $0.joined(separator: " | ") + " |" }
        }
        if !result.notes.isEmpty {
            lines.append("")
            lines += result.notes.map { "> Note: \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The card as an HTML fragment (the report's model card section).
    public func html(_ result: EvaluationResult) -> String {
        var out = "<table class=\"card\"><tbody>"
        for (label, value) in facts(result) {
            out += "<tr><th>\(HTMLText.escape(label))</th><td>\(HTMLText.escape(value))</td></tr>"
        }
        out += "</tbody></table>"
        if !data.isEmpty { out += "<h3>Data</h3>" + dataTable.html }
        return out
    }

    /// Writes the card as Markdown to `path` (atomically).
    public func write(_ result: EvaluationResult, to path: String) throws(FileError) {
        try AtomicFile.write(markdown(result), to: path)
    }
}
