/// Training in phases (SPEC §4): each phase runs a number of steps at its learning rate, class weights and
/// SpecAugment settings. Steps are counted from 0 across phases.
public struct TrainingSchedule: Sendable, Equatable {
    public struct Phase: Sendable, Equatable {
        public var steps: Int
        public var learningRate: Float
        public var batch: BatchSettings

        public init(steps: Int, learningRate: Float, batch: BatchSettings = BatchSettings()) {
            self.steps = steps
            self.learningRate = learningRate
            self.batch = batch
        }
    }

    /// The phases with at least one step.
    public let phases: [Phase]

    public init(_ phases: [Phase]) {
        self.phases = phases.filter { $0.steps > 0 }
    }

    /// Steps of all phases.
    public var totalSteps: Int { phases.reduce(0) { $0 + $1.steps } }

    /// The phase that step `step` belongs to (the last phase past the end) and its first step.
    public func phase(at step: Int) -> (index: Int, phase: Phase, firstStep: Int, endStep: Int) {
        var first = 0
        for (index, phase) in phases.enumerated() {
            if step < first + phase.steps { return (index, phase, first, first + phase.steps) }
            first += phase.steps
        }
        let last = phases.count - 1
        return (last, phases[last], first - phases[last].steps, first)
    }
}
