/// What one evaluation produced and where it put it.
public struct EvaluationOutcome: Sendable {
    /// Every metric, the chosen cutoff, the headline.
    public var result: EvaluationResult
    public var manifestPath: String
    public var modelPath: String
    /// `evaluation.report_dir`.
    public var reportFolder: String
    /// Files written into the report folder, by file name (`report.html`, `report.md`, `metrics.json`, plots).
    public var reportPaths: [String: String]
    /// `model_card.md` beside the manifest.
    public var modelCardPath: String
    /// The cutoff chosen for the manifest (two decimals).
    public var probabilityCutoff: Double
    /// Whether the manifest's `probability_cutoff` was changed.
    public var manifestUpdated: Bool

    public init(result: EvaluationResult, manifestPath: String, modelPath: String, reportFolder: String,
                reportPaths: [String: String], modelCardPath: String, probabilityCutoff: Double, manifestUpdated: Bool)
    {
        self.result = result
        self.manifestPath = manifestPath
        self.modelPath = modelPath
        self.reportFolder = reportFolder
        self.reportPaths = reportPaths
        self.modelCardPath = modelCardPath
        self.probabilityCutoff = probabilityCutoff
        self.manifestUpdated = manifestUpdated
    }

    /// `recall X % at T false accepts/hour (cutoff C)`.
    public var headline: String { result.headline }

    /// `report.html`.
    public var reportPath: String { reportPaths[EvaluationReport.FileName.html] ?? reportFolder + "/" + EvaluationReport.FileName.html }

    /// `report.md`.
    public var summaryPath: String {
        reportPaths[EvaluationReport.FileName.markdown] ?? reportFolder + "/" + EvaluationReport.FileName.markdown
    }

    /// `metrics.json`.
    public var metricsPath: String {
        reportPaths[EvaluationReport.FileName.metrics] ?? reportFolder + "/" + EvaluationReport.FileName.metrics
    }
}
