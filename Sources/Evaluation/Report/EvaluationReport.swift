import Foundation
import Reporting
import Support

/// The evaluation report: one self-contained HTML page (inline SVG and CSS, no JavaScript), a short Markdown
/// summary whose headline line is `recall X % at T false accepts/hour (cutoff C)`, `metrics.json` with every
/// per-cutoff array, and each plot as its own SVG file.
public struct EvaluationReport: Sendable {
    public var result: EvaluationResult
    /// The model's name (the manifest's file name without `.json`).
    public var modelName: String
    /// How the outputs were produced ("int8 streaming model in wakesmith's emulator, ESPHome 2026.6 rules").
    public var measuredWith: String
    public var model: ModelFacts?
    public var trainingLog: TrainingLog?
    public var card: ModelCard?
    /// Sections other commands added (the device's), placed after evaluation's own.
    public var extraSections: [ReportSection]

    public init(result: EvaluationResult, modelName: String, measuredWith: String, model: ModelFacts? = nil,
                trainingLog: TrainingLog? = nil, card: ModelCard? = nil, extraSections: [ReportSection] = [])
    {
        self.result = result
        self.modelName = modelName
        self.measuredWith = measuredWith
        self.model = model
        self.trainingLog = trainingLog
        self.card = card
        self.extraSections = extraSections
    }

    /// File names inside the report folder.
    public enum FileName {
        public static let html = "report.html"
        public static let markdown = "report.md"
        public static let metrics = "metrics.json"
    }

    /// The plots, each as (file name, title, caption, SVG).
    var plots: [(file: String, title: String, caption: String, svg: String)] {
        let confidence = result.windowRates.bound.confidenceLabel
        var plots = [
            ("roc.svg", "ROC: false rejection against false accepts per hour",
             "Each step is one cutoff. Solid: false accepts measured on \(EvaluationResult.hoursText(result.windowRates.hours)) "
                 + "of ambient audio with the device's sliding-window mean; dashed: the same at the \(confidence) upper bound "
                 + "the cutoff is chosen on; dotted: raw outputs without the window. Lower left is better.",
             ROCPlot.chart(result).svg()),
            ("cutoff.svg", "Recall and false accepts per hour against the cutoff",
             "The shaded band runs from the measured rate to its \(confidence) upper bound. The chosen cutoff is the one with the "
                 + "most recall whose upper bound is at or below the target.",
             CutoffPlot.figure(result).svg()),
            ("pr.svg", "Precision against recall", "One point per cutoff on the labelled test clips.",
             PrecisionRecallPlot.chart(result).svg()),
        ]
        if let trainingLog {
            plots.append(("training.svg", "Training curves",
                          "Metrics the trainer logged at each evaluation, with the checkpoint it kept.",
                          TrainingPlot.figure(trainingLog, target: result.settings.targetFalseAcceptsPerHour).svg()))
        }
        return plots
    }

    /// The HTML page.
    public var html: String {
        var sections = [summarySection, operatingPointsSection]
        for plot in plots {
            sections.append(ReportSection(id: plot.file.replacingOccurrences(of: ".svg", with: ""), title: plot.title,
                                          body: "<figure>\(plot.svg)<figcaption>\(HTMLText.escape(plot.caption))</figcaption></figure>"))
        }
        if trainingLog == nil {
            sections.append(ReportSection(id: "training", title: "Training curves",
                                          body: "<p class=\"muted\">No training log was found for this model.</p>"))
        }
        sections += traceSections
        sections.append(modelSection)
        if let card {
            sections.append(ReportSection(id: "model-card", title: "Model card", body: card.html(result)
                + "<p class=\"muted\">Also written as <code>model_card.md</code> beside the manifest.</p>"))
        }
        if extraSections.isEmpty {
            sections.append(ReportSection(id: "device", title: "On the device",
                                          body: "<p class=\"muted\">No device results yet: <code>wakesmith device test</code> "
                                              + "adds its section here.</p>"))
        } else {
            sections += extraSections
        }
        return HTMLPage(title: "Evaluation of \(modelName)", lead: result.headline, sections: sections,
                        footer: "Made by wakesmith eval; measured with \(measuredWith).").html
    }

    /// Writes the HTML page, the Markdown summary, metrics.json and the SVG plots into `folder`; returns the
    /// paths written by file name.
    @discardableResult
    public func write(toFolder folder: String) throws(FileError) -> [String: String] {
        var paths: [String: String] = [:]
        func put(_ name: String, _ text: String) throws(FileError) {
            let path = (folder as NSString).appendingPathComponent(name)
            try AtomicFile.write(text, to: path)
            paths[name] = path
        }
        for plot in plots { try put(plot.file, plot.svg + "\n") }
        try put(FileName.metrics, result.json.serialized(indent: 1) + "\n")
        try put(FileName.markdown, markdown)
        try put(FileName.html, html)
        return paths
    }
}
