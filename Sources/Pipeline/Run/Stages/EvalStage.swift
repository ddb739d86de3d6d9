import Config
import Evaluation

/// Metrics, report and model card from the exported int8 model run in the emulator, and the cutoff written
/// into the manifest. Skipped when the evaluation settings, the exported model and the feature stores are
/// those of the last completed evaluation and its report exists.
struct EvalStage: StageStep {
    var stage: PipelineStage { .eval }

    func fingerprint(_ config: WakesmithConfig) -> String? {
        StageFingerprint.combined([
            StageFingerprint.sections([config.evaluation.encoded]),
            StageFingerprint.file(PipelinePaths.model(config)),
            StageFingerprint.tree(PipelinePaths.features(config)),
        ])
    }

    func outputs(_ config: WakesmithConfig) -> [String] { [PipelinePaths.reportHTML(config), PipelinePaths.metrics(config)] }

    func run(_ context: StageContext) throws -> StageReport {
        var evaluator = Evaluator(config: context.config)
        evaluator.showsProgress = context.showsProgress
        let outcome = try evaluator.run()
        return StageReport(figure: outcome.headline, warnings: outcome.result.notes)
    }
}
