import Config
import Export
import Support
import Training

/// `wakesmith train --config CFG [--resume]`: step-based MixedNet training on the CPU.
enum TrainCommand: Command {
    static let path = ["train"]
    static let abstract = "train the MixedNet on the feature stores, step by step in phases (--resume continues)"
    static let discussion = """
        Trains the model of the configuration's `model:` section on the stores of `training.feature_sets` \
        (made by `wakesmith features`): phases of `training_steps` at their learning rates, class weights and \
        SpecAugment masks, Adam, evaluation every `eval_every` steps on the validation stores and the \
        ambient validation audio (false accepts per hour), keeping the weights the two-priority \
        `checkpoint_selection` prefers. Writes into `training.run_dir`: best.weights and best_metrics.json, \
        last.weights, metrics.jsonl, tensorboard/ (for `tensorboard --logdir`), checkpoint/. A run is \
        determined by its seed; Ctrl-C (or a kill) loses at most the steps since the last checkpoint, and \
        `--resume` continues exactly where an uninterrupted run would be. Ends with where the time went. A \
        model ESPHome could not run (see `wakesmith config`) is refused before any training.
        """
    static let options: [Option] = [
        .value("config", "CFG", "the configuration file (config.yaml)"),
        .flag("resume", "continue from the run folder's checkpoint (same settings)"),
        .flag("quiet", "no progress bar"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        // A ConfigError is printed by Wakesmith.main like any user-facing error: one `error:` line per problem.
        let config = try ConfigLoader.load(path: try parsed.required("config"), checks: DeviceCompatibility.configChecks)
        var trainer = try Trainer(config: config)
        var options = trainer.options
        options.showsProgress = !parsed.flag("quiet")
        trainer = Trainer(options: options, featureSets: trainer.featureSets)
        let result = try trainer.run(resume: parsed.flag("resume"))
        let steps = result.timings.steps
        printOut("trained to step \(result.finalStep) in \(formatDuration(result.totalSeconds)); "
            + "\(steps) steps here at \(StepTimingsFormat.oneDecimal(Double(steps) / max(result.totalSeconds - result.evaluationSeconds - result.checkpointSeconds, 1e-9))) steps/s")
        printOut("per step: \(result.timings.summary)")
        printOut("evaluation \(StepTimingsFormat.oneDecimal(result.evaluationSeconds)) s, checkpoints "
            + "\(StepTimingsFormat.oneDecimal(result.checkpointSeconds)) s, total \(StepTimingsFormat.oneDecimal(result.totalSeconds)) s")
        if let best = result.best, let path = result.bestWeightsPath {
            let summary = [("recall", "recall"), ("FAH", "ambient_false_accepts_per_hour"), ("AVR", "average_viable_recall")]
                .compactMap { label, key in best[key].map { "\(label) \(StepTimingsFormat.fixed($0, digits: 3))" } }
                .joined(separator: ", ")
            printOut("best: step \(best.step) (\(summary)) → \(path)")
        }
        if let last = result.lastWeightsPath { printOut("last: \(last)") }
        return 0
    }
}
