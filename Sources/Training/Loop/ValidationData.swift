import Features
import Metrics

/// What training evaluates on every `eval_every` steps (the reference's `validation.py`): labelled windows
/// cut from every set's `validation` store (deterministically: `random` keeps the most recent frames), and
/// the long recordings of the negative sets' `validation_ambient` stores, streamed through the causal model
/// (output n = the n-th streaming inference) for false accepts per hour.
public struct ValidationData {
    struct Window {
        var collection: Int
        var item: Int
        var start: Int
        var label: Bool
    }

    let collections: [any SpectrogramCollection]
    let windows: [Window]
    /// Ambient recordings: (collection, item).
    let ambient: [(collection: Int, item: Int)]
    /// Hours of ambient audio.
    public let ambientHours: Double
    /// Frames per labelled window.
    public let window: Int

    /// Examples per inference batch.
    static let batchSize = 256
    /// Ambient recordings of equal length per causal batch.
    static let streamBatchSize = 16

    public init(featureSets: [FeatureSet], window: Int) {
        var collections: [any SpectrogramCollection] = []
        var windows: [Window] = [], ambient: [(Int, Int)] = []
        var ambientFrames = 0
        for set in featureSets {
            if let validation = set.validation, validation.count > 0 {
                collections.append(validation)
                for item in 0 ..< validation.count {
                    let frames = validation.frameCount(of: item)
                    for cut in set.truncation.forEvaluation.unpaddedWindows(frames: frames, window: window) {
                        windows.append(Window(collection: collections.count - 1, item: item, start: cut.start,
                                              label: set.truth))
                    }
                }
            }
            if !set.truth, let recordings = set.validationAmbient, recordings.count > 0 {
                collections.append(recordings)
                for item in 0 ..< recordings.count {
                    ambient.append((collections.count - 1, item))
                    ambientFrames += recordings.frameCount(of: item)
                }
            }
        }
        self.collections = collections
        self.windows = windows
        self.ambient = ambient
        self.window = window
        ambientHours = Double(ambientFrames * SpectrogramFormat.frameMilliseconds) / 3_600_000
    }

    /// Labelled windows.
    public var exampleCount: Int { windows.count }
    public var hasAmbient: Bool { !ambient.isEmpty && ambientHours > 0 }

    /// The model's probability for every labelled window (inference mode), in order.
    public func predictWindows(_ model: MixedNet) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(windows.count)
        let batch = LabelledBatch(batchSize: min(Self.batchSize, max(windows.count, 1)), window: window)
        var start = 0
        while start < windows.count {
            let part = windows[start ..< min(start + batch.batchSize, windows.count)]
            let features = batch.features.pointer, exampleSize = window * SpectrogramFormat.channels
            for (offset, w) in part.enumerated() {
                collections[w.collection].withFrames(of: w.item) { raw in
                    TrainingPool.copyWindow(raw, start: w.start, into: features + offset * exampleSize, window: window)
                }
            }
            let view = Activations(pointer: features, batch: part.count, frames: window, channels: SpectrogramFormat.channels)
            let logits = model.forward(view, mode: .inference, padding: .valid)
            for b in 0 ..< part.count {
                result.append(Double(WeightedBinaryCrossEntropy.sigmoid(logits.row(b, logits.frames - 1)[0])))
            }
            start += part.count
        }
        return result
    }

    /// The causal model's probabilities over every ambient recording (one per stride), in order.
    public func predictStreams(_ model: MixedNet) -> [[Double]] {
        var streams = [[Double]](repeating: [], count: ambient.count)
        var byLength: [Int: [Int]] = [:]
        for (index, recording) in ambient.enumerated() {
            byLength[collections[recording.collection].frameCount(of: recording.item), default: []].append(index)
        }
        for (frames, members) in byLength.sorted(by: { $0.key < $1.key }) where frames > 0 {
            let input = Tensor(count: min(members.count, Self.streamBatchSize) * frames * SpectrogramFormat.channels)
            var start = 0
            while start < members.count {
                let part = Array(members[start ..< min(start + Self.streamBatchSize, members.count)])
                for (offset, index) in part.enumerated() {
                    let recording = ambient[index]
                    collections[recording.collection].withFrames(of: recording.item) { raw in
                        TrainingPool.copyWindow(raw, start: 0, into: input.pointer + offset * frames * SpectrogramFormat.channels,
                                                window: frames)
                    }
                }
                let view = Activations(pointer: input.pointer, batch: part.count, frames: frames,
                                       channels: SpectrogramFormat.channels)
                let logits = model.forward(view, mode: .inference, padding: .causal)
                for (offset, index) in part.enumerated() {
                    streams[index] = (0 ..< logits.frames).map {
                        Double(WeightedBinaryCrossEntropy.sigmoid(logits.row(offset, $0)[0]))
                    }
                }
                start += part.count
            }
        }
        return streams
    }

    /// Validation metrics of `model` at cutoff 0.5 (index 50 of the 101 cutoffs), with the per-cutoff curves.
    public func evaluate(_ model: MixedNet, cooldownSteps: Int) -> EvaluationRecord {
        var record = EvaluationRecord()
        let probabilities = predictWindows(model)
        let labels = windows.map(\.label)
        var loss = 0.0
        for (p, label) in zip(probabilities, labels) {
            let clipped = min(max(p, WeightedBinaryCrossEntropy.probabilityClip), 1 - WeightedBinaryCrossEntropy.probabilityClip)
            loss -= label ? log(clipped) : log(1 - clipped)
        }
        record["loss"] = probabilities.isEmpty ? nil : loss / Double(probabilities.count)
        record["examples"] = Double(probabilities.count)
        let cutoff = Self.cutoffIndex
        var recall: [Double]?
        if !probabilities.isEmpty, let curves = try? ClassificationCurves(scores: .probabilities(probabilities), labels: labels) {
            recall = curves.recall
            for (name, values) in [("recall", curves.recall), ("precision", curves.precision), ("accuracy", curves.accuracy),
                                   ("f1", curves.f1), ("false_positive_rate", curves.falsePositiveRate)]
            {
                record[name] = values[cutoff]
                record.setCurve(name, values)
            }
        }
        record["ambient_false_accepts_per_hour"] = nil
        record["average_viable_recall"] = nil
        if hasAmbient {
            let streams = predictStreams(model).map { ModelScores.probabilities($0) }
            if let rates = try? FalseAcceptRates(streams: streams, hours: ambientHours,
                                                 counting: FalseAcceptCounting(cooldownSteps: cooldownSteps))
            {
                let perHour = rates.perHour
                record["ambient_false_accepts_per_hour"] = perHour[cutoff]
                record.setCurve("ambient_false_accepts_per_hour", perHour)
                record["ambient_hours"] = ambientHours
                if let recall { record["average_viable_recall"] = try? averageViableRecall(recall: recall, perHour: perHour) }
            }
        }
        return record
    }

    /// Cutoff 0.50 among `Cutoffs.standard`.
    static let cutoffIndex = 50
}

#if canImport(Glibc)
import Glibc
#endif
