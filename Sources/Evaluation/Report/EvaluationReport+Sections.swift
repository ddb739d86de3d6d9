import Foundation
import Reporting

extension EvaluationReport {
    var summarySection: ReportSection {
        let result = result, choice = result.choice, curves = result.classification
        var body = "<p><strong>\(HTMLText.escape(result.headline))</strong></p>"
        body += "<p>\(HTMLText.escape(result.evidence)).</p>"
        for note in result.notes { body += "<p class=\"note\">\(HTMLText.escape(note))</p>" }
        let rows: [[String]] = [
            ["chosen cutoff", String(format: "%.2f", choice.cutoff)],
            ["recall", String(format: "%.1f %%", choice.recall * 100)],
            ["precision on the test clips", String(format: "%.1f %%", curves.precision[choice.index] * 100)],
            ["false accepts per hour, sliding-window mean", EvaluationResult.rateText(choice.perHour)
                + " measured, at most " + EvaluationResult.rateText(choice.upperBound)],
            ["false accepts per hour, raw outputs", EvaluationResult.rateText(result.rawRates.perHour[choice.index])
                + " measured, at most " + EvaluationResult.rateText(result.rawRates.upperBounds[choice.index])],
            ["average viable recall (0–2 per hour)", String(format: "%.3f (raw outputs %.3f)", result.averageViableRecall,
                                                            result.averageViableRecallRaw)],
            ["ambient audio", EvaluationResult.hoursText(result.windowRates.hours)
                + " in \(result.ambientRecordings) recording\(result.ambientRecordings == 1 ? "" : "s")"],
            ["test clips", result.clipCounts.map { "\($0.set) \($0.count)" }.joined(separator: ", ")],
            ["device rules", "sliding window \(result.settings.slidingWindow), cool-down \(result.settings.cooldownSteps) "
                + "inferences, first \(result.settings.clipIgnoreFrames) feature frames of each clip ignored"],
            ["measured with", measuredWith],
        ]
        body += HTMLTable(headers: [], rows: rows).html
        return ReportSection(id: "summary", title: "Summary", body: body)
    }

    /// Recall at each reported rate under the cutoff rule, with the evidence for each.
    var operatingPointsRows: [[String]] {
        result.operatingPoints.map { point in
            [String(format: "%g", point.target), String(format: "%.1f %%", point.recall * 100),
             String(format: "%.1f %%", (1 - point.recall) * 100), String(format: "%.2f", point.cutoff),
             String(point.falseAccepts), EvaluationResult.rateText(point.perHour),
             EvaluationResult.rateText(point.upperBound), point.meetsTarget ? "yes" : "no"]
        }
    }

    static let operatingPointsHeaders = ["target per hour", "recall", "false rejection", "cutoff", "false accepts",
                                         "per hour", "upper bound", "target shown"]

    var operatingPointsSection: ReportSection {
        let confidence = result.windowRates.bound.confidenceLabel
        let table = HTMLTable(headers: Self.operatingPointsHeaders, rows: operatingPointsRows, numeric: [0, 1, 2, 3, 4, 5, 6],
                              caption: "Cutoffs chosen for each false-accept target against the \(confidence) upper bound "
                                  + "from \(EvaluationResult.hoursText(result.windowRates.hours)) of ambient audio.")
        return ReportSection(id: "operating-points", title: "Operating points", body: table.html)
    }

    var traceSections: [ReportSection] {
        let result = result
        let missed = TracePlot.figure(id: "missed", title: "Missed wake words", traces: result.missedPositives,
                                      slidingWindow: result.settings.slidingWindow, cutoff: result.choice.cutoff,
                                      empty: "no test positive is missed at the chosen cutoff")
        let accepts = TracePlot.figure(id: "false-accepts",
                                       title: result.ambientTracesAreFalseAccepts ? "False accepts" : "Closest calls",
                                       traces: result.ambientTraces, slidingWindow: result.settings.slidingWindow,
                                       cutoff: result.choice.cutoff, empty: "no ambient output above zero")
        let shownMissed = result.missedPositives.count
        let acceptCount = result.choice.falseAccepts
        return [
            ReportSection(id: "missed-positives", title: "Probability traces of missed wake words",
                          body: "<figure>\(missed.svg())<figcaption>\(shownMissed) of \(result.missedPositiveCount) missed "
                              + "test positives, nearest misses first: the model's output at each inference and the "
                              + "sliding-window mean the device compares with the cutoff.</figcaption></figure>"),
            ReportSection(id: "false-accept-traces", title: "Probability traces of false accepts",
                          body: "<figure>\(accepts.svg())<figcaption>" + (result.ambientTracesAreFalseAccepts
                              ? "\(result.ambientTraces.count) of \(acceptCount) counted false accepts at the chosen cutoff, "
                                  + "highest peaks first, from 3 s before to 1 s after each."
                              : "No false accept at the chosen cutoff: these are the \(result.ambientTraces.count) moments of "
                                  + "ambient audio that came closest, highest sliding-window mean first, from 3 s before "
                                  + "to 1 s after each.") + "</figcaption></figure>"),
        ]
    }

    var modelSection: ReportSection {
        guard let model else {
            return ReportSection(id: "model", title: "Arena and operators",
                                 body: "<p class=\"muted\">No model facts were given to the report.</p>")
        }
        var body = "<p>\(HTMLText.escape(model.file)): \(model.bytes) bytes.</p>"
        body += HTMLTable(headers: ["tensor arena", "bytes"], rows: model.arena.map { [$0.label, String($0.bytes)] },
                          numeric: [1]).html
        body += HTMLTable(headers: ["operator", "uses", "in ESPHome's list"],
                          rows: model.operators.map { [$0.name, String($0.count), $0.supported ? "yes" : "NO"] },
                          numeric: [1]).html
        for note in model.notes { body += "<p>\(HTMLText.escape(note))</p>" }
        return ReportSection(id: "model", title: "Arena and operators", body: body)
    }

    /// The short Markdown summary (`report.md`).
    public var markdown: String {
        var lines = ["# Evaluation of `\(modelName)`", "", result.headline, "", result.evidence + ".", ""]
        lines.append("| " + Self.operatingPointsHeaders.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: Self.operatingPointsHeaders.count))
        lines += operatingPointsRows.map { "| " + $0.joined(separator: " | ") + " |" }
        lines.append("")
        lines.append(String(format: "Average viable recall (area under recall against false accepts per hour over 0–2, / 2): "
                                + "%.3f (raw outputs %.3f).", result.averageViableRecall, result.averageViableRecallRaw))
        lines.append("")
        lines.append("Measured with: \(measuredWith).")
        lines.append("")
        if !result.notes.isEmpty {
            lines += result.notes.map { "> Note: \($0)" }
            lines.append("")
        }
        for plot in plots { lines += ["![\(plot.title)](\(plot.file))", ""] }
        lines.append("The full report is [\(FileName.html)](\(FileName.html)); every per-cutoff array is in `\(FileName.metrics)`.")
        return lines.joined(separator: "\n") + "\n"
    }
}
