import TFLiteFormat

/// The smallest tensor arena in which TFLite Micro's `AllocateTensors` succeeds for a model, on one target,
/// found by replaying its allocations (`ArenaSimulation`) on simulated arenas and bisecting the size.
public struct ArenaPrediction: Hashable, Sendable {
    public let target: ArenaTarget
    /// The smallest arena (bytes) that works, over every arena start alignment the target allows.
    public let minimumBytes: Int
    /// `arena_used_bytes()` after allocation in a roomy arena whose start and end lie on 16-byte boundaries
    /// (what ESPHome 2026.4+ probes from; misaligned ends change it by a few bytes).
    public let usedBytes: Int
    /// The persistent (tail) part and the memory plan (head) of `usedBytes`.
    public let persistentBytes: Int
    public let planBytes: Int

    /// Predicts the arena of `model` on `target`.
    public init(model: TFLiteModel, target: ArenaTarget) throws(EmulatorError) {
        try self.init(ArenaModel(model), target: target)
    }

    init(_ model: ArenaModel, target: ArenaTarget) throws(EmulatorError) {
        let simulation = ArenaSimulation(model: model, target: target)
        var found: [(size: Int, outcome: ArenaSimulation.Outcome)] = []
        for offset in target.startOffsets { found.append(try Self.minimum(simulation, offset: offset)) }
        guard let smallest = found.map(\.size).max(),
              let roomy = try? simulation.run(size: Self.maximumBytes, offset: 0)
        else { throw .malformedModel("no arena alignment to predict for") }
        self.target = target
        minimumBytes = smallest
        usedBytes = roomy.used
        persistentBytes = roomy.persistent
        planBytes = roomy.plan
    }

    /// Largest arena tried: far beyond any ESP32's memory.
    static let maximumBytes = 64 << 20

    private static func minimum(_ simulation: ArenaSimulation, offset: Int) throws(EmulatorError) -> (size: Int, outcome: ArenaSimulation.Outcome) {
        guard let atMost = try? simulation.run(size: maximumBytes, offset: offset) else {
            throw .malformedModel("its tensors need more than \(maximumBytes >> 20) MiB of arena")
        }
        var good = maximumBytes, goodOutcome = atMost, bad = 0
        while good - bad > 1 { // invariant: `bad` fails, `good` works
            let middle = (good + bad) / 2
            if let outcome = try? simulation.run(size: middle, offset: offset) {
                good = middle
                goodOutcome = outcome
            } else {
                bad = middle
            }
        }
        return (good, goodOutcome)
    }

    /// Whether `bytes` is enough on this target (every start alignment).
    public static func fits(model: TFLiteModel, target: ArenaTarget, bytes: Int) throws(EmulatorError) -> Bool {
        let simulation = ArenaSimulation(model: try ArenaModel(model), target: target)
        return target.startOffsets.allSatisfy { (try? simulation.run(size: bytes, offset: $0)) != nil }
    }
}
