import Evaluation
import Features
import Foundation
import Frontend
import Synchronization
import TestSupport
import Testing

/// A 40-channel "model" that fires (255) when channel 0 of any frame of its stride holds a planted marker
/// (raw value ≥ `marker`) and outputs 10 otherwise; `deaf` models never fire (a model that has learned).
struct MarkerModel: StreamingModel {
    let stride = 3
    let channelCount = 40
    var deaf = false
    static let marker: UInt16 = 2000
    mutating func reset() {}
    mutating func infer(_ input: UnsafeBufferPointer<Int8>) throws -> UInt8 {
        let threshold = FeatureScaling.deviceInt8(raw: Self.marker)
        let fires = (0 ..< stride).contains { input[$0 * channelCount] >= threshold }
        return fires && !deaf ? 255 : 10
    }
}

@Suite struct HardNegativeMiningTests {
    /// `count` frames of 40 channels, frame f holding f in channels 1…39 (so windows are recognisable) and the
    /// marker in channel 0 at the `planted` frames.
    static func clip(frames count: Int, planted: [Int]) -> [UInt16] {
        (0 ..< count).flatMap { frame in
            [planted.contains(frame) ? MarkerModel.marker : 0] + Array(repeating: UInt16(frame), count: 39)
        }
    }

    static let miner = HardNegativeMiner(threshold: 0.5, cooldownSteps: 5, ignoreFrames: 30, windowFrames: 12, showsProgress: false)

    @Test func findsThePlantedWindowsOnceEachAfterTheStartSuppression() throws {
        let negatives = SpectrogramList([
            Self.clip(frames: 90, planted: [40, 43]), // two inferences in a row (13, 14): one event
            Self.clip(frames: 90, planted: [10, 70]), // frame 10 is in the suppressed start; 70 → inference 23
            Self.clip(frames: 90, planted: []),
            Self.clip(frames: 8, planted: [5]),       // too short to leave the suppression
        ])
        let found = try Self.miner.mine([(name: "speech", clips: negatives)], workers: 2) { MarkerModel() }
        #expect(found.map(\.source) == ["speech #0@13", "speech #1@23"])
        #expect(found.allSatisfy { $0.score == 255 && $0.frames.count == 12 * 40 })
        // the window is the 12 frames ending with the last one the inference consumed: 30…41 and 60…71
        #expect(found[0].frames == Array(Self.clip(frames: 90, planted: [40, 43])[(30 * 40) ..< (42 * 40)]))
        #expect(found[1].frames.count == 480 && found[1].frames[40 * 10] == MarkerModel.marker && found[1].frames[1] == 60)
        // the cool-down: a marker 6 inferences later is a second event
        let apart = try Self.miner.mine([(name: "tv", clips: SpectrogramList([Self.clip(frames: 90, planted: [40, 58])]))]) { MarkerModel() }
        #expect(apart.map(\.source) == ["tv #0@13", "tv #0@19"])
    }

    @Test func shortClipsArePaddedInFront() throws {
        let miner = HardNegativeMiner(threshold: 0.5, cooldownSteps: 5, ignoreFrames: 0, windowFrames: 12, showsProgress: false)
        let found = try miner.mine([(name: "n", clips: SpectrogramList([Self.clip(frames: 6, planted: [1])]))]) { MarkerModel() }
        #expect(found.count == 1 && found[0].source == "n #0@0")
        #expect(found[0].frames.prefix(9 * 40).allSatisfy { $0 == 0 } && found[0].frames[9 * 40 + 40] == MarkerModel.marker)
    }

    @Test func storeKeepsNewWindowsOnlyHighestFirstAndSurvivesRuns() throws {
        let folder = TemporaryDirectory("hard-negatives")
        let store = HardNegativeStore(work: folder.path)
        let a = [UInt16](repeating: 1, count: 80), b = [UInt16](repeating: 2, count: 80), c = [UInt16](repeating: 3, count: 80)
        let found = [HardNegative(frames: a, score: 200, source: "x"), HardNegative(frames: b, score: 250, source: "y"),
                     HardNegative(frames: a, score: 200, source: "z"), HardNegative(frames: c, score: 220, source: "w")]
        let (new, duplicates) = HardNegativeStore.selectNew(found, stored: [c], limit: 5)
        #expect(new.map(\.source) == ["y", "x"] && duplicates == 2)
        #expect(HardNegativeStore.selectNew(found, stored: [], limit: 2).new.map(\.source) == ["y", "w"])
        try store.write([a, b], info: [("rounds", .integer(1))])
        #expect(try store.stored(windowFrames: 2) == [a, b])
        #expect(try store.stored(windowFrames: 3).isEmpty, "windows of another model's length are dropped")
        #expect(store.folder == folder.path + "/features/hard_negative")
        #expect(FileManager.default.fileExists(atPath: store.folder + "/training/spectrograms_mmap"))
    }

    /// Stages whose "export" is the marker model until a fine-tuning was kept, then a deaf one.
    final class FakeStages: MiningStages, @unchecked Sendable {
        let negatives: [(name: String, clips: any SpectrogramSource)]
        let improves: Bool
        var fineTunes: [(round: Int, from: String, set: FeatureSetDescription)] = []
        var exported: [String] = []
        init(negatives: [(name: String, clips: any SpectrogramSource)], improves: Bool) {
            self.negatives = negatives
            self.improves = improves
        }
        var windowFrames: Int { 12 }
        func negativeSets() throws -> [(name: String, clips: any SpectrogramSource)] { negatives }
        func metrics(ofWeights path: String) -> [String: Double]? { ["average_viable_recall": 0.5] }
        func streamingModel(weights: String, round: Int) throws -> @Sendable () throws -> any StreamingModel {
            exported.append(weights)
            let deaf = weights.hasPrefix("tuned")
            return { MarkerModel(deaf: deaf) }
        }
        func fineTune(round: Int, from weights: String, hardNegatives: FeatureSetDescription) throws -> (weights: String, metrics: [String: Double])? {
            fineTunes.append((round, weights, hardNegatives))
            return ("tuned-\(round)", ["average_viable_recall": improves ? 0.7 : 0.3])
        }
        func isBetter(_ candidate: [String: Double], than incumbent: [String: Double]?) -> Bool {
            (candidate["average_viable_recall"] ?? 0) > (incumbent?["average_viable_recall"] ?? -1)
        }
    }

    @Test func roundsMineFineTuneKeepTheBetterAndStopWhenNothingIsNew() throws {
        let folder = TemporaryDirectory("mining-rounds")
        let negatives = SpectrogramList([Self.clip(frames: 90, planted: [40]), Self.clip(frames: 90, planted: [50, 80])])
        let rounds = MiningRounds(miner: Self.miner, store: HardNegativeStore(work: folder.path), maximumNewPerRound: 10,
                                  samplingWeight: 5, penaltyWeight: 2)
        let stages = FakeStages(negatives: [("speech", negatives)], improves: true)
        let outcome = try rounds.run(rounds: 3, from: "best.weights", stages: stages)
        #expect(outcome.weights == "tuned-1")
        #expect(outcome.rounds.map(\.new) == [3, 0] && outcome.rounds.map(\.kept) == [true, false])
        #expect(stages.exported == ["best.weights", "tuned-1"])
        #expect(stages.fineTunes.count == 1 && stages.fineTunes[0].set.name == "hard_negative")
        #expect(stages.fineTunes[0].set.samplingWeight == 5 && stages.fineTunes[0].set.penaltyWeight == 2 && !stages.fineTunes[0].set.truth)
        let stored = try HardNegativeStore(work: folder.path).stored(windowFrames: 12)
        #expect(stored.count == 3 && stored.allSatisfy { $0.count == 480 })

        // A fine-tuning that is not better is not kept, and mining stops; the windows stay stored.
        let second = FakeStages(negatives: [("speech", negatives), ("tv", SpectrogramList([Self.clip(frames: 60, planted: [45])]))],
                                improves: false)
        let again = try rounds.run(rounds: 3, from: "best.weights", stages: second)
        #expect(again.weights == "best.weights" && again.rounds.count == 1)
        #expect(again.rounds[0].new == 1 && again.rounds[0].duplicates == 3 && !again.rounds[0].kept)
        #expect(try HardNegativeStore(work: folder.path).stored(windowFrames: 12).count == 4)
    }

    @Test func noNegativeSetIsAUserError() throws {
        let folder = TemporaryDirectory("mining-rounds")
        let rounds = MiningRounds(miner: Self.miner, store: HardNegativeStore(work: folder.path), maximumNewPerRound: 10,
                                  samplingWeight: 5, penaltyWeight: 1)
        #expect(throws: MiningError.noNegativeSets) {
            try rounds.run(rounds: 1, from: "w", stages: FakeStages(negatives: [], improves: true))
        }
    }
}
