import Foundation
import Support

/// Step-based training (the reference's `loop.py`): phases, Adam, evaluation every `evaluateEvery` steps
/// with two-priority checkpoint selection, resumable checkpoints, TensorBoard scalars and a progress bar.
///
/// Outputs in the run folder: `best.weights` (the kept evaluation's weights) and `best_metrics.json`,
/// `last.weights`, `checkpoint/state.weights` (resume state), `metrics.jsonl`, `tensorboard/`.
/// Deterministic for a seed: initialisation and every batch come from `SeededGenerator`s keyed by the seed
/// (and the step), and every parallel reduction has a fixed order, so `resume` after any interruption
/// reproduces the uninterrupted run's weights bit for bit.
public struct Trainer {
    public let options: TrainingOptions
    public let featureSets: [FeatureSet]

    public init(options: TrainingOptions, featureSets: [FeatureSet]) {
        self.options = options
        self.featureSets = featureSets
    }

    var bestWeightsPath: String { options.runDirectory + "/best.weights" }
    var lastWeightsPath: String { options.runDirectory + "/last.weights" }

    /// What must not change between a checkpoint and its resume.
    var fingerprint: String {
        var text = options.architecture.json.serialized() + "|batch \(options.batchSize)|seed \(options.seed)"
        for phase in options.schedule.phases {
            let b = phase.batch, s = b.specAugment
            text += "|phase \(phase.steps) \(phase.learningRate) \(b.positiveWeight) \(b.negativeWeight) "
                + "\(s.timeMaskCount) \(s.timeMaskMaxSize) \(s.frequencyMaskCount) \(s.frequencyMaskMaxSize)"
        }
        for set in featureSets {
            text += "|set \(set.name) \(set.truth) \(set.samplingWeight) \(set.penaltyWeight) \(set.truncation.rawValue) "
                + "\(set.training?.count ?? 0) \(set.training?.totalFrames ?? 0)"
        }
        text += "|initial \(options.initialWeights ?? "-")"
        return BLAKE2b.hexDigest(text)
    }

    /// Trains (from the checkpoint when `resume` and one exists) until the schedule ends, `stopAtStep`, or
    /// Ctrl-C (then the state is checkpointed and `Interrupted` thrown).
    public func run(resume: Bool = false, log: (String) -> Void = { printError($0) }) throws -> TrainingResult {
        let started = monotonicNanoseconds()
        let schedule = options.schedule
        guard schedule.totalSteps > 0 else {
            throw TrainingError.configuration("training has 0 steps", hint: "set training.training_steps")
        }
        try FileManager.default.createDirectory(atPath: options.runDirectory + "/checkpoint", withIntermediateDirectories: true)
        let model = try MixedNet(options.architecture)
        let pool = try TrainingPool(featureSets: featureSets, window: model.window, seed: options.seed)
        let validation = ValidationData(featureSets: featureSets, window: model.window)
        let rule = validation.hasAmbient ? options.checkpointRule : .withoutAmbient
        let trainer = TrainingStep(model: model, batchSize: options.batchSize)
        let checkpointPath = TrainingCheckpoint.path(runDirectory: options.runDirectory)

        if let initial = options.initialWeights {
            try model.assign(MixedNetWeightsFile.read(initial), source: initial)
        } else {
            model.initialize(seed: options.seed)
        }
        var step = 0
        var best: EvaluationRecord?
        let restored = resume
            ? try TrainingCheckpoint.restore(from: checkpointPath, model: model, optimizer: trainer.optimizer,
                                             fingerprint: fingerprint)
            : nil
        if let restored {
            step = restored.step
            best = restored.best
            log("resuming at step \(step) of \(schedule.totalSteps) from \(checkpointPath)")
        } else {
            if resume { log("no checkpoint in \(options.runDirectory)/checkpoint: starting from step 0") }
            for stale in [bestWeightsPath, lastWeightsPath, options.runDirectory + "/best_metrics.json", checkpointPath] {
                FileManagerShim.remove(stale)
            }
        }
        let runLog = try RunLog(runDirectory: options.runDirectory, resumeStep: restored?.step)
        log("training \(model.parameterCount)-parameter MixedNet on windows of \(model.window) frames; "
            + pool.windowCounts.map { "\($0.name) \($0.windows)" }.joined(separator: ", ") + " training windows; "
            + "validation \(validation.exampleCount) windows, \(Self.hours(validation.ambientHours)) ambient; "
            + "matrix products: \(GEMM.implementation)")

        var evaluationNanoseconds: UInt64 = 0, checkpointNanoseconds: UInt64 = 0
        var lossSum = restored?.lossSum ?? 0, accuracySum = restored?.accuracySum ?? 0
        var stepsSinceEvaluation = restored?.stepsSinceEvaluation ?? 0
        func checkpoint() throws {
            let began = monotonicNanoseconds()
            try TrainingCheckpoint(step: step, best: best, fingerprint: fingerprint, lossSum: lossSum,
                                   accuracySum: accuracySum, stepsSinceEvaluation: stepsSinceEvaluation)
                .save(model: model, optimizer: trainer.optimizer, to: checkpointPath)
            checkpointNanoseconds += monotonicNanoseconds() - began
        }
        if restored == nil {  // the untrained model: shows how far training moved (never kept)
            let began = monotonicNanoseconds()
            var baseline = validation.evaluate(model, cooldownSteps: options.cooldownSteps)
            baseline["step"] = 0
            baseline["baseline"] = 1
            try runLog.append(baseline)
            evaluationNanoseconds += monotonicNanoseconds() - began
        }

        let stopStep = min(options.stopAtStep ?? schedule.totalSteps, schedule.totalSteps)
        let progress = ProgressBar(label: "train", total: schedule.totalSteps, unit: "steps", enabled: options.showsProgress)
        progress.advance(by: step)
        var lastStatus = ""
        let rateStart = (monotonicNanoseconds(), step)
        while step < stopStep {
            if Interrupt.isRequested {
                try checkpoint()
                progress.finish()
                log("stopped at step \(step); `wakesmith train --resume` continues from there")
                throw Interrupted()
            }
            let current = schedule.phase(at: step)
            trainer.optimizer.learningRate = current.phase.learningRate
            let result = trainer.run(step: step, source: pool, settings: current.phase.batch)
            lossSum += result.loss
            accuracySum += result.accuracy
            stepsSinceEvaluation += 1
            step += 1
            progress.advance()
            if step % 10 == 0 || step == stopStep {
                let elapsed = Double(monotonicNanoseconds() - rateStart.0) / 1e9
                let rate = elapsed > 0 ? Double(step - rateStart.1) / elapsed : 0
                progress.setStatus("\(Self.fixed(rate, 1)) steps/s  loss \(Self.fixed(lossSum / Double(max(stepsSinceEvaluation, 1)), 4))"
                    + (lastStatus.isEmpty ? "" : "  " + lastStatus))
            }
            if step % options.evaluateEvery == 0 || step == schedule.totalSteps {
                let began = monotonicNanoseconds()
                var record = validation.evaluate(model, cooldownSteps: options.cooldownSteps)
                record["step"] = Double(step)
                record["phase"] = Double(current.index)
                record["learning_rate"] = Double(current.phase.learningRate)
                record["train_loss"] = lossSum / Double(stepsSinceEvaluation)
                record["train_accuracy"] = accuracySum / Double(stepsSinceEvaluation)
                lossSum = 0
                accuracySum = 0
                stepsSinceEvaluation = 0
                if rule.isBetter(record, than: best) {
                    best = record
                    try MixedNetWeightsFile.write(model, to: bestWeightsPath, metadata: record.json(includingCurves: false))
                    try AtomicFile.write(record.json().serialized(indent: 1), to: options.runDirectory + "/best_metrics.json")
                }
                record["best_step"] = best?["step"]
                try runLog.append(record)
                lastStatus = Self.summary(record)
                evaluationNanoseconds += monotonicNanoseconds() - began
            }
            if step % options.checkpointEvery == 0 || step == stopStep { try checkpoint() }
        }
        progress.finish()
        var lastPath: String?
        if step == schedule.totalSteps {
            try MixedNetWeightsFile.write(model, to: lastWeightsPath, metadata: .object([(key: "step", value: .integer(step))]))
            lastPath = lastWeightsPath
        }
        return TrainingResult(
            runDirectory: options.runDirectory, bestWeightsPath: best == nil ? nil : bestWeightsPath,
            lastWeightsPath: lastPath, best: best, finalStep: step, timings: trainer.timings,
            evaluationSeconds: Double(evaluationNanoseconds) / 1e9, checkpointSeconds: Double(checkpointNanoseconds) / 1e9,
            totalSeconds: Double(monotonicNanoseconds() - started) / 1e9)
    }

    /// "val 0.123 rec 0.870 FAH 1.20" for the progress line.
    static func summary(_ record: EvaluationRecord) -> String {
        [("val", "loss"), ("rec", "recall"), ("FAH", "ambient_false_accepts_per_hour"), ("AVR", "average_viable_recall")]
            .compactMap { label, key in record[key].map { "\(label) \(fixed($0, 3))" } }
            .joined(separator: " ")
    }

    static func hours(_ value: Double) -> String {
        value >= 1 ? "\(fixed(value, 2)) h" : "\(fixed(value * 60, 1)) min"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0 ..< digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale), fraction = Int(scaled.truncatingRemainder(dividingBy: scale))
        let text = String(fraction)
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)"
            + (digits > 0 ? "." + String(repeating: "0", count: digits - text.count) + text : "")
    }
}
