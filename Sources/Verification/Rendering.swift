import Foundation
import Emulator
import ESPHome

/// Plain-text renderings of verification results, for the command line.
public enum Rendering {
    static func mark(_ status: Check.Status) -> String {
        switch status {
        case .pass: "pass"
        case .info: "info"
        case .warn: "WARN"
        case .fail: "FAIL"
        }
    }

    /// One block per model (its checks and a verdict) and, for several, the group checks.
    public static func lines(_ result: VerificationResult) -> [String] {
        var lines: [String] = []
        for model in result.models {
            let title = model.kind == .manifest ? "\(model.path)" + (model.modelPath.map { " → \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "") : model.path
            lines.append("\(title)  (ESPHome \(result.release))")
            let width = model.checks.map(\.name.count).max() ?? 0
            for check in model.checks {
                lines.append("  \(mark(check.status))  \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.message)")
            }
            if model.willLoad {
                lines.append("will load on ESPHome \(result.release)")
            } else {
                lines.append("will NOT load on ESPHome \(result.release): \(model.firstFailure?.message ?? "nothing could be checked")")
            }
            lines.append("")
        }
        if result.models.count > 1 {
            lines.append("together on one device")
            let width = result.group.map(\.name.count).max() ?? 0
            for check in result.group {
                lines.append("  \(mark(check.status))  \(check.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(check.message)")
            }
            lines.append(result.willLoad ? "all \(result.models.count) models will load together" : "NOT all models will load together")
        }
        return lines
    }

    /// The release × model matrix, then one line per problem.
    public static func lines(_ matrix: CompatibilityMatrix) -> [String] {
        let names = matrix.manifests.map { URL(fileURLWithPath: $0).lastPathComponent }
        let nameWidth = max(names.map(\.count).max() ?? 0, 8)
        let columns = matrix.releases.map(\.description)
        let columnWidth = max(columns.map(\.count).max() ?? 0, 6)
        var lines = ["model".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
            + columns.map { $0.padding(toLength: columnWidth, withPad: " ", startingAt: 0) }.joined(separator: "  ")]
        var notes: [String] = []
        for (row, name) in names.enumerated() {
            var cells: [String] = []
            for (column, cell) in matrix.cells[row].enumerated() {
                var text = cell.ok ? "ok" : "NO"
                if !cell.ok, let failure = cell.report.firstFailure {
                    notes.append("\(name) on \(columns[column]): \(failure.name): \(failure.message)")
                }
                switch cell.judge {
                case let .success(verdict)?:
                    text += verdict.accepted ? " ✓" : " ✗"
                    if !verdict.accepted { notes.append("\(name) on \(columns[column]): esphome config: \(verdict.reason)") }
                case let .failure(error)?:
                    text += " ?"
                    if column == 0 || !notes.contains(where: { $0.hasSuffix(error.description) }) {
                        notes.append("esphome config \(columns[column]) unavailable: \(error.description)")
                    }
                case nil: break
                }
                cells.append(text.padding(toLength: columnWidth, withPad: " ", startingAt: 0))
            }
            lines.append(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "  "))
        }
        lines.append("")
        lines.append("ok = loads and runs as emulated; NO = will not load" + (matrix.cells.first?.first?.judge != nil ? "; ✓/✗ = esphome config accepts/rejects the manifest" : ""))
        lines += Array(Set(notes)).sorted()
        return lines
    }
}
