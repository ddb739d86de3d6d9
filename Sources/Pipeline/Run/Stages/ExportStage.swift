import Config
import Export
import Support
import Training

/// Streaming int8 model + V2 manifest. Skipped when the wake word, model and export settings, the trained
/// weights and the feature stores (calibration, agreement) are those of the last completed export and the
/// model and manifest exist.
struct ExportStage: StageStep {
    var stage: PipelineStage { .export }

    func fingerprint(_ config: WakesmithConfig) -> String? {
        StageFingerprint.combined([
            StageFingerprint.sections([config.wakeWord.encoded, config.model.encoded, config.export.encoded, .integer(config.features.seed)]),
            StageFingerprint.file(PipelinePaths.bestWeights(config)),
            StageFingerprint.tree(PipelinePaths.features(config)),
        ])
    }

    func outputs(_ config: WakesmithConfig) -> [String] { [PipelinePaths.model(config), PipelinePaths.manifest(config)] }

    func run(_ context: StageContext) throws -> StageReport {
        let weights = PipelinePaths.bestWeights(context.config)
        let exporter = Exporter(settings: ExportSettings(context.config), showProgress: context.showsProgress) { context.log("export: \($0)") }
        let result = try exporter.export(weights: try MixedNetWeightsFile.read(weights), source: weights)
        var warnings: [String] = []
        var figure = "\(result.modelBytes) bytes, arena \(result.arena.manifestBytes) bytes, ESPHome ≥ \(result.minimumVersion)"
        if let agreement = result.agreement {
            figure += ", float/int8 agree on \(agreement.agreeing)/\(agreement.clips) clips"
            if !agreement.passed { warnings.append(agreement.summary) }
        }
        return StageReport(figure: figure, warnings: warnings)
    }
}
