import Features
import Foundation
import Support

/// Hard negative mining rounds (`wakesmith mine`, SPEC §6): each round exports the current weights to the
/// int8 streaming model, streams the training stores of every negative feature set through it in the
/// emulator (`HardNegativeMiner`), adds the new windows that fired to the hard-negative store
/// (`HardNegativeStore`), fine-tunes from the current weights with that set, and keeps the fine-tuned weights
/// when the training's two-priority rule prefers their validation metrics. Stops early when a round finds
/// nothing new or its fine-tuning is not kept (another round would mine the same model again).
public struct MiningRounds {
    /// One round's outcome.
    public struct Round: Sendable, Equatable {
        public var number: Int
        public var found: Int
        public var new: Int
        public var duplicates: Int
        /// Windows in the store after the round.
        public var stored: Int
        /// The fine-tuned weights' validation metrics (none when nothing new was found).
        public var metrics: [String: Double]?
        public var kept: Bool
        /// The current weights after the round.
        public var weights: String
    }

    public var miner: HardNegativeMiner
    public var store: HardNegativeStore
    /// Most new windows one round adds (`mining.max_new_per_round`).
    public var maximumNewPerRound: Int
    /// The hard-negative set's weights in fine-tuning (`mining.sampling_weight`, `penalty_weight`).
    public var samplingWeight: Double
    public var penaltyWeight: Double

    public init(miner: HardNegativeMiner, store: HardNegativeStore, maximumNewPerRound: Int, samplingWeight: Double,
                penaltyWeight: Double)
    {
        self.miner = miner
        self.store = store
        self.maximumNewPerRound = maximumNewPerRound
        self.samplingWeight = samplingWeight
        self.penaltyWeight = penaltyWeight
    }

    /// The hard-negative feature set as fine-tuning draws from it.
    public var featureSet: FeatureSetDescription {
        FeatureSetDescription(name: HardNegativeStore.setName, folder: store.folder, samplingWeight: samplingWeight,
                              penaltyWeight: penaltyWeight, truth: false, truncation: .truncateStart)
    }

    /// Runs up to `rounds` rounds from `weights`; returns every round and the weights chosen at the end.
    public func run(rounds: Int, from weights: String, stages: any MiningStages,
                    onRound: (Round) -> Void = { _ in }, status: (String) -> Void = { _ in }) throws -> (rounds: [Round], weights: String)
    {
        let sets = try stages.negativeSets()
        guard !sets.isEmpty else { throw MiningError.noNegativeSets }
        var stored = try store.stored(windowFrames: miner.windowFrames)
        status("\(stored.count) hard negatives stored from earlier runs")
        var current = weights
        var currentMetrics = stages.metrics(ofWeights: weights)
        var results: [Round] = []
        for number in 1 ... max(rounds, 1) {
            try Interrupt.check()
            status("round \(number): exporting \(current)")
            let makeModel = try stages.streamingModel(weights: current, round: number)
            let found = try miner.mine(sets, makeModel: makeModel)
            let (new, duplicates) = HardNegativeStore.selectNew(found, stored: stored, limit: maximumNewPerRound)
            guard !new.isEmpty else {
                let round = Round(number: number, found: found.count, new: 0, duplicates: duplicates, stored: stored.count,
                                  metrics: nil, kept: false, weights: current)
                results.append(round)
                onRound(round)
                break
            }
            stored += new.map(\.frames)
            try store.write(stored, info: [("rounds", .integer(number)), ("window_frames", .integer(miner.windowFrames)),
                                           ("threshold", .number(miner.threshold))])
            status("round \(number): \(new.count) new hard negatives (\(stored.count) stored); fine-tuning")
            let tuned = try stages.fineTune(round: number, from: current, hardNegatives: featureSet)
            let kept = tuned.map { stages.isBetter($0.metrics, than: currentMetrics) } ?? false
            if kept, let tuned {
                current = tuned.weights
                currentMetrics = tuned.metrics
            }
            let round = Round(number: number, found: found.count, new: new.count, duplicates: duplicates, stored: stored.count,
                              metrics: tuned?.metrics, kept: kept, weights: current)
            results.append(round)
            onRound(round)
            if !kept {
                status("the fine-tuned model did not beat the current one on validation; stopping (another round would "
                    + "mine the same model again). The hard negatives stay stored for the next run.")
                break
            }
        }
        return (results, current)
    }
}

/// Why mining cannot start.
public enum MiningError: UserFacingError, Equatable {
    case noNegativeSets
    case notTrained(String)

    public var message: String {
        switch self {
        case .noNegativeSets: "no negative feature set with a training store in training.feature_sets to mine from"
        case let .notTrained(path): "\(path) not found"
        }
    }

    public var hint: String? {
        switch self {
        case .noNegativeSets: "add a feature set with truth: false and run `wakesmith features --config CFG`"
        case .notTrained: "run `wakesmith train --config CFG` before mining"
        }
    }
}
