import Config
import ESPHome
import Emulator
import Foundation
import Reporting
import Support
import TFLiteFormat

/// The eval stage end to end (`wakesmith eval`, and `wakesmith run` after export): the exported int8
/// streaming model named by the manifest runs in the emulator over the test stores of the configured feature
/// sets and their ambient test audio, as the device would (`StreamMeasurer`); the metrics and the cutoff
/// follow (`EvaluationResult`); the report goes to `evaluation.report_dir`, `model_card.md` beside the
/// manifest, and the chosen cutoff into the manifest's `probability_cutoff` (the only key eval changes).
public struct Evaluator: Sendable {
    public var config: WakesmithConfig
    /// The manifest of the model to evaluate (default `<export.output_dir>/<export.model_name>.json`).
    public var manifestPath: String
    /// Write the chosen cutoff into the manifest (false: report only).
    public var updatesManifest = true
    /// A progress bar on standard error while measuring.
    public var showsProgress = true
    /// Worker threads; 0 means one per core.
    public var workers = 0

    public init(config: WakesmithConfig, manifestPath: String? = nil) {
        self.config = config
        self.manifestPath = manifestPath ?? Self.defaultManifestPath(config)
    }

    /// `<export.output_dir>/<export.model_name>.json`.
    public static func defaultManifestPath(_ config: WakesmithConfig) -> String {
        config.export.outputDirectory + "/" + config.export.modelName + ".json"
    }

    /// What the numbers are measured with, as the report and model card say it.
    public static let measuredWith = "the int8 streaming model in wakesmith's emulator (TFLite Micro's kernels, bit-exact), "
        + "features grouped as ESPHome \(ReleaseTable.defaultRelease) does"

    /// Measures, scores, writes the report and model card, and sets the manifest's cutoff.
    public func run() throws -> EvaluationOutcome {
        let exported = try ExportedModel(manifestPath: manifestPath)
        let data = try TestData(config: config)
        let model = exported.model
        _ = try EmulatedStreamingModel(model: model) // fail before any work when the model cannot run
        let measurer = StreamMeasurer(workers: workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount),
                                      showProgress: showsProgress) { try EmulatedStreamingModel(model: model) }
        let measurements = try measurer.measure(labelled: data.labelled, ambient: data.ambient)
        let settings = EvaluationSettings(targetFalseAcceptsPerHour: config.evaluation.targetFalseAcceptsPerHour,
                                          cooldownSteps: config.evaluation.cooldownSteps,
                                          slidingWindow: exported.manifest.micro.slidingWindowSize,
                                          clipIgnoreFrames: config.evaluation.clipIgnoreFrames)
        let result = try EvaluationResult(measurements: measurements, settings: settings)
        return try write(result, exported: exported, data: data)
    }

    /// Writes what evaluation concluded: report, model card, manifest cutoff.
    func write(_ result: EvaluationResult, exported: ExportedModel, data: TestData) throws -> EvaluationOutcome {
        let manifestFolder = (manifestPath as NSString).deletingLastPathComponent
        let cardPath = (manifestFolder.isEmpty ? "." : manifestFolder) + "/" + ModelCard.fileName
        let card = ModelCard(wakeWord: exported.manifest.wakeWord, modelFile: exported.manifest.model,
                             modelBytes: exported.modelBytes, manifestFile: (manifestPath as NSString).lastPathComponent,
                             arenaBytes: exported.manifest.micro.tensorArenaSize, measuredWith: Self.measuredWith,
                             data: data.summary)
        try card.write(result, to: cardPath)
        let reportFolder = config.evaluation.reportDirectory
        let sections = try ReportSection.read(folder: reportFolder + "/" + ReportSection.folderName)
        let report = EvaluationReport(result: result, modelName: (manifestPath as NSString).lastPathComponent
                                          .replacingOccurrences(of: ".json", with: ""),
                                      measuredWith: Self.measuredWith, model: exported.facts(),
                                      trainingLog: TrainingLog.read(path: config.training.runDirectory + "/metrics.jsonl"),
                                      card: card, extraSections: sections)
        let paths = try report.write(toFolder: reportFolder)
        let cutoff = ManifestCutoff.rounded(result.choice.cutoff)
        var updated = false
        if updatesManifest {
            updated = try ManifestCutoff.set(cutoff, in: exported.manifest, path: manifestPath)
        }
        return EvaluationOutcome(result: result, manifestPath: manifestPath, modelPath: exported.modelPath,
                                 reportFolder: reportFolder, reportPaths: paths, modelCardPath: cardPath,
                                 probabilityCutoff: cutoff, manifestUpdated: updated)
    }
}
