import Config
import Evaluation
import Export
import Foundation
import Support
import Training

/// `wakesmith mine --config CFG [--rounds N]`: hard negative mining rounds with fine-tuning.
enum MineCommand: Command {
    static let path = ["mine"]
    static let abstract = "find the negative audio that fools the model, store it as a feature set, fine-tune on it"
    static let discussion = """
        Each round exports the current best weights (<training.run_dir>/best.weights) to the int8 streaming \
        model, runs it in the emulator as the device would over the training stores of every negative set in \
        training.feature_sets, and stores each window whose output exceeds mining.threshold (the model's \
        receptive field ending at that inference; accepts within evaluation.cooldown_steps of each other in \
        one clip count once; at most mining.max_new_per_round new windows, the highest first) in the \
        hard-negative feature set <features.work_dir>/features/hard_negative (its training store; list it in \
        training.feature_sets with truth: false to train with it). Then it fine-tunes from the current weights \
        with that set for mining.fine_tune_steps at mining.learning_rate, and keeps the result when training's \
        two-priority checkpoint rule prefers its validation metrics. Stops early when a round finds nothing new \
        or its fine-tuning is not kept. The chosen weights become <training.run_dir>/best.weights (the \
        original kept once as best.before_mining.weights); run `wakesmith export` and `wakesmith eval` next. \
        Work files go to <features.work_dir>/mining.
        """
    static let options: [Option] = [
        .value("config", "CFG", "the configuration file (config.yaml)"),
        .value("rounds", "N", "number of rounds (default: mining.rounds)"),
        .flag("quiet", "no progress bars"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        // A ConfigError is printed by Wakesmith.main like any user-facing error: one `error:` line per problem.
        let config = try ConfigLoader.load(path: try parsed.required("config"), checks: DeviceCompatibility.configChecks)
        let rounds = try parsed.integer("rounds", in: 1 ... 1000) ?? config.mining.rounds
        let quiet = parsed.flag("quiet")
        let stages = ConfiguredMiningStages(config: config, showsProgress: !quiet)
        let best = config.training.runDirectory + "/best.weights"
        guard FileManager.default.fileExists(atPath: best) else { throw MiningError.notTrained(best) }
        let miner = HardNegativeMiner(threshold: config.mining.threshold, cooldownSteps: config.evaluation.cooldownSteps,
                                      ignoreFrames: config.evaluation.clipIgnoreFrames, windowFrames: stages.windowFrames,
                                      showsProgress: !quiet)
        let mining = MiningRounds(miner: miner, store: HardNegativeStore(work: config.features.workDirectory),
                                  maximumNewPerRound: config.mining.maximumNewPerRound,
                                  samplingWeight: config.mining.samplingWeight, penaltyWeight: config.mining.penaltyWeight)
        let outcome = try mining.run(rounds: rounds, from: best, stages: stages, onRound: { round in
            if round.new == 0 {
                printOut("round \(round.number): no new hard negatives above \(config.mining.threshold) "
                    + "(\(round.found) found, all stored already); stopping")
            } else {
                let metrics = round.metrics ?? [:]
                let summary = [("validation FAH", "ambient_false_accepts_per_hour"), ("recall", "recall"),
                               ("average viable recall", "average_viable_recall")]
                    .compactMap { label, key in metrics[key].map { "\(label) \(StepTimingsFormat.fixed($0, digits: 3))" } }
                    .joined(separator: ", ")
                printOut("round \(round.number): \(round.new) new hard negatives (\(round.stored) stored, "
                    + "\(round.duplicates) duplicates); \(summary.isEmpty ? "no validation metrics" : summary); "
                    + (round.kept ? "kept" : "previous model kept"))
            }
        }, status: { if !quiet { printError($0) } })
        printOut("hard negatives: \(mining.store.folder)/\(HardNegativeStore.split) "
            + "(add {name: \(HardNegativeStore.setName), path: \(mining.store.folder), truth: false, "
            + "truncation_strategy: truncate_start} to training.feature_sets to train with it)")
        if outcome.weights != best {
            try stages.install(outcome.weights, as: best)
            printOut("best weights updated: \(best); run `wakesmith export` and `wakesmith eval` to ship the mined model")
        } else {
            printOut("best weights unchanged: \(best)")
        }
        return 0
    }
}
