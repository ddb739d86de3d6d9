import Evaluation
import Foundation
import Reporting
import Support
import TestSupport
import Testing

@Suite struct ReportTests {
    /// The 10-hour project of `EvaluationResultTests`: chosen cutoff 0.78, recall 0.5, no false accept there.
    func result() throws -> EvaluationResult {
        var ambient = [UInt8](repeating: 0, count: 20)
        ambient[0] = 100
        ambient[10] = 120
        return try EvaluationResult(measurements: EchoProject.measurements(ambientSeconds: 36000, ambient: ambient),
                                    settings: EchoProject.settings)
    }

    static let log = """
    {"step": 0, "train": {"loss": 1.0}, "validation": {"recall": 0.25, "ambient_false_accepts_per_hour": 20.0}}
    {"step": 100, "train": {"loss": 0.5}, "validation": {"recall": 0.5, "ambient_false_accepts_per_hour": 2.0}}
    not json
    {"no_step": 1}
    {"step": 200, "train": {"loss": 0.25}, "validation": {"recall": 0.75, "ambient_false_accepts_per_hour": 0.4, "recall_curve": [0.1, 0.2]}, "best_step": 200}
    """

    func report(trainingLog: TrainingLog? = TrainingLog(jsonLines: log), sections: [ReportSection] = []) throws -> EvaluationReport {
        let result = try result()
        let card = ModelCard(wakeWord: "Test Word", modelFile: "test_word.tflite", modelBytes: 20000,
                             manifestFile: "test_word.json", arenaBytes: 22860, measuredWith: "echo outputs",
                             configHash: "f00d", data: [.init(set: "positive", split: "testing", clips: 2, hours: nil, sources: 2)])
        let facts = ModelFacts(file: "test_word.tflite", bytes: 20000,
                               arena: [.init(label: "manifest", bytes: 22860), .init(label: "predicted, ESP32", bytes: 20335)],
                               operators: [.init(name: "CONV_2D", count: 5, supported: true),
                                           .init(name: "GELU", count: 1, supported: false)])
        return EvaluationReport(result: result, modelName: "test_word", measuredWith: "echo outputs in a test",
                                model: facts, trainingLog: trainingLog, card: card, extraSections: sections)
    }

    @Test func rocMarksTheChosenCutoffWhereItsNumbersSay() throws {
        let html = try report().html
        let svgs = svgElements(in: html)
        let rocMarkup = try #require(svgs.first { $0.contains("id=\"roc\"") })
        let roc = try #require(XMLCheck.parse(rocMarkup))
        let markers = roc.all("circle").filter { $0["class"] == "marker" }
        // measured: 0 per hour at 50 % false rejection → the left edge, half-way down the 298 px plot area
        #expect(markers.first?["cx"] == "66" && markers.first?["cy"] == "183")
        // bound: 3.689/10 h = 0.369 per hour on a symmetric log axis (linear below 0.1) reaching 10
        let fraction = (1 + log10(0.36888794541139354 / 0.1)) / (1 + log10(10 / 0.1))
        #expect(markers.last?["cx"] == SVGWriter.number(66 + 556 * fraction) && markers.last?["cy"] == "183")
        // the target line at 0.5 per hour
        let target = try #require(roc.all("line").first { $0["class"] == "rule" })
        #expect(target["x1"] == SVGWriter.number(66 + 556 * (1 + log10(5.0)) / 3))
        #expect(roc.text.contains("0.1") && roc.text.contains("10") && roc.text.contains("false rejection rate"))
    }

    @Test func cutoffFigureMarksTheChosenCutoffInBothPanels() throws {
        let html = try report().html
        let markup = try #require(svgElements(in: html).first { $0.contains("id=\"cutoff\"") })
        let figure = try #require(XMLCheck.parse(markup))
        let rules = figure.all("line").filter { $0["data-name"] == "chosen cutoff 0.78" }
        #expect(rules.count == 2 && rules.allSatisfy { $0["x1"] == "499.68" && $0["x2"] == "499.68" })
        #expect(figure.all("path").contains { $0["class"] == "band" })
        #expect(figure.all("g").filter { $0["class"] == "panel" }.count == 2)
    }

    @Test func pageHasEverySectionInlineAndNoScript() throws {
        let device = ReportSection(id: "device", title: "On the device", body: "<p>42 of 42 outputs identical</p>")
        let html = try report(sections: [device]).html
        for id in ["summary", "operating-points", "roc", "cutoff", "pr", "training", "missed-positives",
                   "false-accept-traces", "model", "model-card", "device"] {
            #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
        }
        #expect(html.contains("<p class=\"lead\">recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)</p>"))
        #expect(html.contains("42 of 42 outputs identical") && !html.contains("No device results yet"))
        #expect(html.contains("<td>GELU</td><td class=\"num\">1</td><td>NO</td>"))
        #expect(!html.lowercased().contains("<script") && !html.contains("<img") && !html.contains("<link"))
        let svgs = svgElements(in: html)
        #expect(svgs.count == 6) // roc, cutoff, pr, training, missed, false accepts
        #expect(svgs.allSatisfy { XMLCheck.parse($0) != nil })
        let ids = svgs.flatMap { svg in XMLCheck.parse(svg)?.elements.compactMap { $0.attributes["id"] } ?? [] }
        #expect(Set(ids).count == ids.count, "ids repeat across inline SVGs")
        #expect(try report(trainingLog: nil).html.contains("No training log was found"))
        #expect(try report().html.contains("No device results yet"))
    }

    @Test func writesTheFilesWithTheHeadlineLineInTheSummary() throws {
        let folder = TemporaryDirectory("report")
        let paths = try report().write(toFolder: folder.path)
        #expect(Set(paths.keys) == ["report.html", "report.md", "metrics.json", "roc.svg", "cutoff.svg", "pr.svg", "training.svg"])
        let markdown = try String(contentsOfFile: folder.appending("report.md").path, encoding: .utf8)
        #expect(markdown.split(separator: "\n", omittingEmptySubsequences: false)[2]
            == "recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)")
        #expect(markdown.contains("| 0.5 | 50.0 % | 50.0 % | 0.78 | 0 | 0.00 | 0.37 | yes |"))
        #expect(markdown.contains("![ROC: false rejection against false accepts per hour](roc.svg)"))
        let metrics = try JSONValue(parsing: String(contentsOfFile: folder.appending("metrics.json").path, encoding: .utf8))
        #expect(metrics["chosen_cutoff"]?.doubleValue == 0.78)
        let roc = try String(contentsOfFile: folder.appending("roc.svg").path, encoding: .utf8)
        #expect(XMLCheck.parse(roc) != nil)
    }

    @Test func trainingLogFlattensAndSkipsBadLines() throws {
        let log = TrainingLog(jsonLines: Self.log)
        #expect(log.records.count == 3 && log.bestStep == 200)
        #expect(log.series(containing: "loss").map(\.name) == ["train.loss"])
        // the Swift trainer's flat keys (the reference's): unprefixed ones are validation metrics at cutoff 0.5
        let flat = TrainingLog(jsonLines: "{\"step\": 500, \"train_loss\": 0.3, \"loss\": 0.4, \"recall\": 0.8, "
            + "\"ambient_false_accepts_per_hour\": 1.5, \"average_viable_recall\": 0.7, \"best_step\": 500}")
        #expect(flat.series(containing: "loss").map(\.name) == ["loss", "train_loss"] && flat.bestStep == 500)
        #expect(flat.series(containing: "recall", avoiding: ["average"]).map(\.name) == ["recall"])
        let flatFigure = try #require(XMLCheck.parse(TrainingPlotProbe.svg(flat)))
        let names = Set(flatFigure.all("path").compactMap { $0["data-name"] })
        #expect(names == ["validation loss", "training loss", "validation recall (cutoff 0.5)",
                          "validation ambient false accepts per hour (cutoff 0.5)"])
        let recall = log.series(containing: "recall", avoiding: ["average"])
        #expect(recall.map(\.name) == ["validation.recall"] && recall[0].points.map(\.value) == [0.25, 0.5, 0.75])
        let markup = try #require(svgElements(in: try report().html).first { $0.contains("id=\"training\"") })
        let figure = try #require(XMLCheck.parse(markup))
        #expect(figure.all("line").filter { $0["data-name"] == "kept checkpoint (step 200)" }.count == 3)
        // the loss panel: step 100 of 0…200 at x = 66 + 278, loss 0.5 of 0…1.05 at y = 34 + 178 × (1 − 0.5/1.05)
        let loss = try #require(figure.all("path").first { $0["data-name"] == "train loss" })
        #expect(loss["d"]?.contains("L344 \(SVGWriter.number(34 + 178 * (1 - 0.5 / 1.05)))") == true)
    }

    @Test func modelCardCarriesTheEvidence() throws {
        let report = try report()
        let card = try #require(report.card).markdown(report.result)
        #expect(card.hasPrefix("# Model card: Test Word\n"))
        #expect(card.contains("- Probability cutoff in the manifest: 0.78; sliding window 1"))
        #expect(card.contains("- Headline: recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)"))
        #expect(card.contains("0 false accepts in 10.00 h of ambient audio at this cutoff: 0.00 per hour, at most 0.37 per hour at 95 % confidence"))
        #expect(card.contains("| positive | testing | 2 | – | 2 |"))
        #expect(card.contains("- At 0.1 false accepts/hour: false rejection 50.0 % (cutoff 0.78, upper bound 0.37 per hour; target not shown)"))
    }
}

/// The training figure alone, through the report (the plot types are internal to Evaluation).
enum TrainingPlotProbe {
    static func svg(_ log: TrainingLog) throws -> String {
        let result = try EvaluationResult(measurements: EchoProject.measurements(), settings: EchoProject.settings)
        let html = EvaluationReport(result: result, modelName: "m", measuredWith: "test", trainingLog: log).html
        return svgElements(in: html).first { $0.contains("id=\"training\"") } ?? ""
    }
}
