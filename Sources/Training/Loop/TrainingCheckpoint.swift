import Support

/// Everything a resumed run needs, in one atomic, durable file (`<run_dir>/checkpoint/state.weights`, the
/// weights-file format): every model variable, Adam's moments (`adam/m/<name>`, `adam/v/<name>`), and in
/// the metadata the step, Adam's iteration count, the kept evaluation and the fingerprint of the settings a
/// resume must not change. Batches are a pure function of (seed, step), so no random state is stored.
/// A kill leaves the previous checkpoint or the new one, never half of one.
struct TrainingCheckpoint {
    var step: Int
    var best: EvaluationRecord?
    var fingerprint: String
    /// Sums of the training loss and accuracy since the last evaluation, and over how many steps.
    var lossSum = 0.0
    var accuracySum = 0.0
    var stepsSinceEvaluation = 0

    static func path(runDirectory: String) -> String { runDirectory + "/checkpoint/state.weights" }

    func save(model: MixedNet, optimizer: Adam, to path: String) throws(FileError) {
        let trainable = model.trainableParameters
        let state = zip(trainable, optimizer.tensors.prefix(trainable.count)).map { parameter, tensor in
            (name: "adam/m/\(parameter.name)", shape: parameter.shape, values: tensor.buffer)
        } + zip(trainable, optimizer.tensors.suffix(trainable.count)).map { parameter, tensor in
            (name: "adam/v/\(parameter.name)", shape: parameter.shape, values: tensor.buffer)
        }
        let metadata: JSONValue = .object([
            (key: "kind", value: "training checkpoint"),
            (key: "step", value: .integer(step)),
            (key: "adam_iterations", value: .integer(optimizer.iterations)),
            (key: "fingerprint", value: .string(fingerprint)),
            (key: "best", value: best?.json() ?? .null),
            (key: "loss_sum", value: .number(lossSum)),
            (key: "accuracy_sum", value: .number(accuracySum)),
            (key: "steps_since_evaluation", value: .integer(stepsSinceEvaluation)),
        ])
        try MixedNetWeightsFile.write(
            architecture: model.architecture,
            arrays: model.parameters.map { (name: $0.name, shape: $0.shape, values: $0.value.buffer) } + state,
            metadata: metadata, to: path)
    }

    /// Reads a checkpoint into `model` and `optimizer`; nil when there is none. Throws when it belongs to
    /// other settings.
    static func restore(from path: String, model: MixedNet, optimizer: Adam, fingerprint: String)
        throws(TrainingError) -> TrainingCheckpoint?
    {
        guard FileManagerShim.fileExists(path) else { return nil }
        let contents: MixedNetWeightsFile.Contents
        do {
            contents = try MixedNetWeightsFile.read(path)
        } catch {
            throw .checkpointMismatch("the checkpoint \(path) cannot be read (\(error.message))")
        }
        let metadata = contents.metadata
        guard metadata["fingerprint"]?.stringValue == fingerprint else {
            throw .checkpointMismatch("the checkpoint in \(path) was made with different model, data or training settings")
        }
        guard let step = metadata["step"]?.integerValue, let iterations = metadata["adam_iterations"]?.integerValue else {
            throw .checkpointMismatch("the checkpoint \(path) lacks its step")
        }
        do {
            try model.assign(contents, source: path)
        } catch {
            throw .checkpointMismatch(error.message)
        }
        var moments: [[Float]] = [], velocities: [[Float]] = []
        for parameter in model.trainableParameters {
            guard let m = contents.variables["adam/m/\(parameter.name)"], let v = contents.variables["adam/v/\(parameter.name)"]
            else { throw .checkpointMismatch("the checkpoint \(path) lacks the optimizer state of \(parameter.name)") }
            moments.append(m)
            velocities.append(v)
        }
        try optimizer.restore(iterations: iterations, moments: moments, velocities: velocities)
        let best = metadata["best"].flatMap { value -> EvaluationRecord? in
            if case .null = value { return nil }
            return EvaluationRecord(json: value)
        }
        return TrainingCheckpoint(step: step, best: best, fingerprint: fingerprint,
                                  lossSum: metadata["loss_sum"]?.doubleValue ?? 0,
                                  accuracySum: metadata["accuracy_sum"]?.doubleValue ?? 0,
                                  stepsSinceEvaluation: metadata["steps_since_evaluation"]?.integerValue ?? 0)
    }
}

/// File-system helpers the loop uses (kept in one place).
enum FileManagerShim {
    static func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func remove(_ path: String) { unlink(path) }
}

#if canImport(Glibc)
import Glibc
#endif
