import Foundation
import Support
import TestSupport
import Testing
@testable import Training

/// The training loop on small synthetic data: it learns, its outputs are where they should be, a run is a
/// function of its seed, and a resumed run ends bit for bit where an uninterrupted one does.
@Suite struct TrainerTests {
    /// Positives: a bright band in channels 10–19 over the last 40 frames; negatives: the same noise without
    /// it (and, for ambient audio, long recordings of that noise).
    static func featureSets(seed: UInt64) -> [FeatureSet] {
        func clip(_ generator: inout SeededGenerator, frames: Int, word: Bool) -> [UInt16] {
            (0 ..< frames * 40).map { index in
                let (t, c) = (index / 40, index % 40)
                var value = generator.uniform(0, 12)
                if word, t >= frames - 40, (10 ..< 20).contains(c) { value += 10 }
                return UInt16(value * 25.6)
            }
        }
        var generator = SeededGenerator(seed: seed)
        func collection(_ count: Int, frames: Int, word: Bool) -> InMemorySpectrograms {
            InMemorySpectrograms((0 ..< count).map { _ in clip(&generator, frames: frames, word: word) })
        }
        return [
            FeatureSet(name: "positive", truth: true, samplingWeight: 1, truncation: .truncateStart,
                       training: collection(40, frames: 90, word: true), validation: collection(20, frames: 90, word: true)),
            FeatureSet(name: "negative", truth: false, samplingWeight: 2, truncation: .random,
                       training: collection(40, frames: 120, word: false), validation: collection(20, frames: 90, word: false),
                       validationAmbient: collection(3, frames: 600, word: false)),
        ]
    }

    static let architecture = MixedNetArchitecture(
        stride: 2, firstConvFilters: 8, firstConvKernelSize: 3,
        blocks: [.init(filters: 16, kernelSizes: [3, 5]), .init(filters: 16, kernelSizes: [7], residual: true)],
        headFrames: 3, batchNormMomentum: 0.9)  // 70 steps: moving statistics must settle quickly

    static func options(_ directory: String, stopAt: Int? = nil) -> TrainingOptions {
        TrainingOptions(
            architecture: architecture, batchSize: 24,
            schedule: TrainingSchedule([
                .init(steps: 40, learningRate: 0.005, batch: BatchSettings(positiveWeight: 1, negativeWeight: 2)),
                .init(steps: 30, learningRate: 0.002,
                      batch: BatchSettings(positiveWeight: 1, negativeWeight: 3,
                                           specAugment: SpecAugment(timeMaskCount: 1, timeMaskMaxSize: 4,
                                                                    frequencyMaskCount: 1, frequencyMaskMaxSize: 3))),
            ]),
            evaluateEvery: 20, checkpointEvery: 20, seed: 7, runDirectory: directory,
            checkpointRule: CheckpointRule(targetMinimization: 1e9), stopAtStep: stopAt, showsProgress: false)
    }

    @Test func learnsAndWritesItsOutputs() throws {
        let folder = TemporaryDirectory("train")
        let result = try Trainer(options: Self.options(folder.path), featureSets: Self.featureSets(seed: 1)).run(log: { _ in })
        #expect(result.finalStep == 70)
        let records = RunLog.history(at: folder.path + "/metrics.jsonl")
        #expect(records.map(\.step) == [0, 20, 40, 60, 70])
        let last = try #require(records.last)
        #expect((last["recall"] ?? 0) > 0.9, "recall \(last["recall"] ?? -1)")
        #expect((last["loss"] ?? 1) < (records[0]["loss"] ?? 0))
        #expect(last["ambient_false_accepts_per_hour"] != nil && last["ambient_hours"] != nil)
        let best = try #require(result.best)
        #expect(records.contains { $0.step == best.step })
        for name in ["best.weights", "last.weights", "best_metrics.json", "checkpoint/state.weights"] {
            #expect(FileManager.default.fileExists(atPath: folder.path + "/" + name), "\(name)")
        }
        let events = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/tensorboard")
        #expect(events.contains { $0.hasPrefix("events.out.tfevents.") })
        let reloaded = try MixedNetWeightsFile.load(folder.path + "/best.weights")
        #expect(reloaded.architecture == Self.architecture)
        #expect(result.timings.steps == 70)
    }

    func variables(_ path: String) throws -> [String: [UInt32]] {
        try MixedNetWeightsFile.read(path).variables.mapValues { $0.map(\.bitPattern) }
    }

    @Test func resumedRunEndsBitForBitWhereAnUninterruptedOneDoes() throws {
        let sets = Self.featureSets(seed: 2)
        let whole = TemporaryDirectory("whole"), pieces = TemporaryDirectory("pieces")
        _ = try Trainer(options: Self.options(whole.path), featureSets: sets).run(log: { _ in })
        // Stop mid-phase and between checkpoints (25), then again in the second phase (47), then finish.
        for stop in [25, 47] {
            let partial = try Trainer(options: Self.options(pieces.path, stopAt: stop), featureSets: sets)
                .run(resume: stop != 25, log: { _ in })
            #expect(partial.finalStep == stop)
            #expect(partial.lastWeightsPath == nil)
        }
        _ = try Trainer(options: Self.options(pieces.path), featureSets: sets).run(resume: true, log: { _ in })
        #expect(try variables(whole.path + "/last.weights") == variables(pieces.path + "/last.weights"))
        #expect(try variables(whole.path + "/best.weights") == variables(pieces.path + "/best.weights"))
        let a = RunLog.history(at: whole.path + "/metrics.jsonl"), b = RunLog.history(at: pieces.path + "/metrics.jsonl")
        #expect(a.map(\.step) == b.map(\.step))
        for (x, y) in zip(a, b) {
            #expect(x.json().serialized() == y.json().serialized(), "evaluation at step \(x.step) differs")
        }
    }

    @Test func sameSeedSameRunOtherSeedOtherRun() throws {
        let sets = Self.featureSets(seed: 3)
        let one = TemporaryDirectory("one"), two = TemporaryDirectory("two"), three = TemporaryDirectory("three")
        var options = Self.options(one.path, stopAt: 20)
        _ = try Trainer(options: options, featureSets: sets).run(log: { _ in })
        options.runDirectory = two.path
        _ = try Trainer(options: options, featureSets: sets).run(log: { _ in })
        options.runDirectory = three.path
        options.seed = 8
        _ = try Trainer(options: options, featureSets: sets).run(log: { _ in })
        let path = "/checkpoint/state.weights"
        #expect(try variables(one.path + path) == variables(two.path + path))
        #expect(try variables(one.path + path) != variables(three.path + path))
    }

    @Test func refusesToResumeWithOtherSettings() throws {
        let sets = Self.featureSets(seed: 4)
        let folder = TemporaryDirectory("mismatch")
        _ = try Trainer(options: Self.options(folder.path, stopAt: 20), featureSets: sets).run(log: { _ in })
        var options = Self.options(folder.path)
        options.batchSize = 16
        #expect(throws: TrainingError.self) { try Trainer(options: options, featureSets: sets).run(resume: true, log: { _ in }) }
    }
}
