import Features
import Support

/// Every feature set's training windows, and the batch sampler over them (the reference's `pool.py` and
/// `sampler.py`): per batch item a set is drawn by sampling weight, then one of its windows uniformly, then
/// (for `random` truncation) a start within the spectrogram; the frames are converted to float features, and
/// SpecAugment masks are drawn and applied. Labels are the set's truth, loss weights its penalty weight times
/// the phase's class weight.
///
/// Random numbers come from `SeededGenerator(seed, step)`: a batch is a pure function of the seed and the
/// step. The spectrograms stay where the stores keep them; only window positions are tabulated here.
public final class TrainingPool: BatchSource, @unchecked Sendable {
    struct Set {
        let name: String
        let truth: Bool
        let penaltyWeight: Float
        let collection: any SpectrogramCollection
        /// Per window: spectrogram index, first frame (negative: zero padding), start positions to draw from.
        let items: [Int32]
        let starts: [Int32]
        let spans: [Int32]
    }

    public let window: Int
    public let seed: UInt64
    let sets: [Set]
    /// Upper ends of each set's share of [0, 1), by sampling weight.
    let cumulative: [Double]

    /// The pool of `featureSets`' training stores (sets with sampling weight 0 or no windows are left out).
    public init(featureSets: [FeatureSet], window: Int, seed: UInt64) throws(TrainingError) {
        self.window = window
        self.seed = seed
        var sets: [Set] = [], weights: [Double] = []
        for featureSet in featureSets where featureSet.samplingWeight > 0 {
            guard let collection = featureSet.training else { continue }
            var items: [Int32] = [], starts: [Int32] = [], spans: [Int32] = []
            for index in 0 ..< collection.count {
                for w in featureSet.truncation.unpaddedWindows(frames: collection.frameCount(of: index), window: window) {
                    items.append(Int32(index))
                    starts.append(Int32(w.start))
                    spans.append(Int32(w.span))
                }
            }
            guard !items.isEmpty else { continue }
            sets.append(Set(name: featureSet.name, truth: featureSet.truth, penaltyWeight: Float(featureSet.penaltyWeight),
                            collection: collection, items: items, starts: starts, spans: spans))
            weights.append(featureSet.samplingWeight)
        }
        guard sets.contains(where: \.truth) else {
            throw .data("no positive training examples",
                        hint: "add wake word clips to dataset/positive and run `wakesmith features` again")
        }
        guard sets.contains(where: { !$0.truth }) else {
            throw .data("no negative training examples",
                        hint: "add negative or background audio and run `wakesmith features` again")
        }
        self.sets = sets
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = weights.map { running += $0 / total; return running }
    }

    /// Windows per set, by name (for the log).
    public var windowCounts: [(name: String, windows: Int)] { sets.map { ($0.name, $0.items.count) } }

    /// One example's draw.
    struct Draw {
        var set: Int
        var item: Int
        var start: Int
        var masks: SpecAugment.Draw
    }

    /// The draws of step `step` (sequential, from one generator).
    func draws(step: Int, batchSize: Int, specAugment: SpecAugment) -> [Draw] {
        var generator = SeededGenerator(seed: seed, stream: 0xBA7C, UInt64(step))
        return (0 ..< batchSize).map { _ in
            let u = generator.nextUnit()
            let set = cumulative.firstIndex { u < $0 } ?? cumulative.count - 1
            let pool = sets[set]
            let window = generator.integer(in: 0 ..< pool.items.count)
            let offset = generator.integer(in: 0 ..< Int(pool.spans[window]))
            let masks = specAugment.draw(frames: self.window, channels: SpectrogramFormat.channels, using: &generator)
            return Draw(set: set, item: Int(pool.items[window]), start: Int(pool.starts[window]) + offset, masks: masks)
        }
    }

    public func fill(_ batch: LabelledBatch, step: Int, settings: BatchSettings) {
        precondition(batch.window == window, "batch window \(batch.window), pool window \(window)")
        let draws = draws(step: step, batchSize: batch.batchSize, specAugment: settings.specAugment)
        let features = batch.activations
        ChunkPlan(batch: batch.batchSize).forEach { _, examples in
            for b in examples {
                let draw = draws[b], set = sets[draw.set]
                set.collection.withFrames(of: draw.item) { raw in
                    Self.copyWindow(raw, start: draw.start, into: features.example(b), window: window)
                }
                SpecAugment.apply(draw.masks, to: features.example(b), frames: window, channels: SpectrogramFormat.channels)
            }
        }
        for (b, draw) in draws.enumerated() {
            let set = sets[draw.set]
            batch.labels[b] = set.truth ? 1 : 0
            batch.weights[b] = set.penaltyWeight * (set.truth ? settings.positiveWeight : settings.negativeWeight)
        }
    }

    /// Frames `start ..< start + window` of a spectrogram as float features (zeros outside it).
    static func copyWindow(_ raw: UnsafeBufferPointer<UInt16>, start: Int, into target: UnsafeMutablePointer<Float>,
                           window: Int)
    {
        let channels = SpectrogramFormat.channels, scale = SpectrogramFormat.floatPerRaw
        let frames = raw.count / channels
        for t in 0 ..< window {
            let frame = start + t, row = target + t * channels
            guard frame >= 0, frame < frames, let base = raw.baseAddress else {
                row.update(repeating: 0, count: channels)
                continue
            }
            let source = base + frame * channels
            for c in 0 ..< channels { row[c] = Float(source[c]) * scale }
        }
    }
}
