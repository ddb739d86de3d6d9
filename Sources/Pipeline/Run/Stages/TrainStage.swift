import Config
import Export
import Support
import Training

/// MixedNet training. Skipped when the model and training settings and the feature stores are those of the
/// last completed training and its best weights exist; an interrupted training is resumed from its
/// checkpoint by the next run.
struct TrainStage: StageStep {
    var stage: PipelineStage { .train }

    func fingerprint(_ config: WakesmithConfig) -> String? {
        StageFingerprint.combined([
            StageFingerprint.sections([config.model.encoded, config.training.encoded, .integer(config.evaluation.cooldownSteps)]),
            StageFingerprint.tree(PipelinePaths.features(config)),
        ])
    }

    func outputs(_ config: WakesmithConfig) -> [String] { [PipelinePaths.bestWeights(config)] }

    func run(_ context: StageContext) throws -> StageReport {
        var trainer = try Trainer(config: context.config)
        var options = trainer.options
        options.showsProgress = context.showsProgress
        trainer = Trainer(options: options, featureSets: trainer.featureSets)
        let result: TrainingResult
        do {
            result = try trainer.run(resume: context.resume, log: context.log)
        } catch TrainingError.checkpointMismatch(let reason) where context.resume {
            context.log("train: not resuming (\(reason)); starting over")
            result = try trainer.run(resume: false, log: context.log)
        }
        guard let best = result.best, result.bestWeightsPath != nil else {
            throw Failure("training kept no evaluation, so there are no best weights",
                          hint: "check training.eval_every and the validation stores (`wakesmith features`)")
        }
        let figures = [("recall", "recall"), ("FAH", "ambient_false_accepts_per_hour"), ("AVR", "average_viable_recall")]
            .compactMap { label, key in best[key].map { "\(label) \(String(format: "%.3f", $0))" } }
            .joined(separator: ", ")
        return StageReport(figure: "\(result.finalStep) steps; kept step \(best.step) (validation \(figures))")
    }
}
