import Foundation
import Support

/// `wakesmith bench train`: steps per second of the default MixedNet on synthetic spectrograms, with the
/// time of each part of a step.
public struct TrainingBenchmark {
    public var batchSize = 128
    public var steps = 300
    public var warmup = 30
    public var architecture = MixedNetArchitecture.default

    public init() {}

    public struct Result: Sendable {
        public var stepsPerSecond: Double
        public var examplesPerSecond: Double
        public var cpuMillisecondsPerStep: Double
        public var timings: StepTimings
    }

    /// Trains `warmup + steps` steps (the reference benchmark's phase: class weights 1/20, one 5-frame time
    /// and frequency mask) and times the last `steps`.
    public func run() throws(Failure) -> Result {
        let model = try MixedNet(architecture)
        model.initialize(seed: 0)
        let pool: TrainingPool
        do {
            pool = try TrainingPool(featureSets: SyntheticSpectrograms.featureSets(), window: model.window, seed: 0)
        } catch {
            throw Failure(error.message)
        }
        let settings = BatchSettings(positiveWeight: 1, negativeWeight: 20,
                                     specAugment: SpecAugment(timeMaskCount: 1, timeMaskMaxSize: 5,
                                                              frequencyMaskCount: 1, frequencyMaskMaxSize: 5))
        let trainer = TrainingStep(model: model, batchSize: batchSize)
        for step in 0 ..< warmup { trainer.run(step: step, source: pool, settings: settings) }
        trainer.resetTimings()
        let start = monotonicNanoseconds(), cpuStart = clock()
        for step in warmup ..< warmup + steps { trainer.run(step: step, source: pool, settings: settings) }
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        let cpu = Double(clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        return Result(stepsPerSecond: Double(steps) / seconds, examplesPerSecond: Double(steps * batchSize) / seconds,
                      cpuMillisecondsPerStep: 1000 * cpu / Double(steps), timings: trainer.timings)
    }
}
