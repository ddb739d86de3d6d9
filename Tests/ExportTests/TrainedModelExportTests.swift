import Emulator
import Foundation
import Metrics
import Support
import Synchronization
import Testing
import TestSupport
import TFLiteFormat
import Training
import Verification
@testable import Export

/// Issue 15's done-when on a world made here: a model trained by the Swift trainer on a synthetic wake word
/// exports, tflite-micro runs it identically to the emulator at the manifest's arena, and its recall at
/// 0.5 false accepts/hour (point estimate on the ambient test audio) is within 2 points of the float model's.
/// Slow (minutes in a release build): `WAKESMITH_SLOW_TESTS=1 swift test -c release --filter TrainedModelExportTests`.
@Suite struct TrainedModelExportTests {
    static func collection(_ items: [[UInt16]]) -> InMemorySpectrograms { InMemorySpectrograms(items) }

    @Test(.enabled(if: slowTestsEnabled, "slow: trains a model"))
    func aTrainedModelExportsAndKeepsItsRecall() throws {
        let folder = TemporaryDirectory("trained-export")
        func clips(_ positive: Bool, _ count: Int, _ seed: UInt64) -> [[UInt16]] {
            let result = Mutex([[UInt16]](repeating: [], count: count))
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let clip = SyntheticWakeWord.clip(positive: positive, seconds: 1.6, seed: seed &+ UInt64(i))
                result.withLock { $0[i] = clip }
            }
            return result.withLock { $0 }
        }
        let started = Date()
        let trainPositive = clips(true, 600, 10_000), trainNegative = clips(false, 1200, 20_000)
        let validationPositive = clips(true, 80, 30_000), validationNegative = clips(false, 160, 40_000)
        let testPositive = clips(true, 300, 50_000), testNegative = clips(false, 300, 60_000)
        let validationAmbient = [SyntheticWakeWord.ambient(seconds: 120, seed: 70_000)]
        // Background audio for training, cut into windows of 1.6 s (160 frames).
        let background = (0 ..< 4).flatMap { index -> [[UInt16]] in
            let frames = SyntheticWakeWord.ambient(seconds: 300, seed: 90_000 + UInt64(index))
            return stride(from: 0, to: frames.count - 160 * 40, by: 100 * 40).map { Array(frames[$0 ..< $0 + 160 * 40]) }
        }
        let testAmbient = (0 ..< 4).map { SyntheticWakeWord.ambient(seconds: 300, seed: 80_000 + UInt64($0)) }
        print("data: \(Int(Date().timeIntervalSince(started))) s")

        let architecture = MixedNetArchitecture(stride: 3, firstConvFilters: 24, firstConvKernelSize: 5, blocks: [
            .init(filters: 32, kernelSizes: [5]), .init(filters: 32, kernelSizes: [7, 11]), .init(filters: 32, kernelSizes: [15]),
        ], headFrames: 5)
        let sets = [
            FeatureSet(name: "positive", truth: true, samplingWeight: 1, truncation: .truncateStart,
                       training: Self.collection(trainPositive), validation: Self.collection(validationPositive)),
            FeatureSet(name: "negative", truth: false, samplingWeight: 2, truncation: .random,
                       training: Self.collection(trainNegative), validation: Self.collection(validationNegative),
                       validationAmbient: Self.collection(validationAmbient)),
            FeatureSet(name: "background", truth: false, samplingWeight: 2, truncation: .random,
                       training: Self.collection(background)),
        ]
        let steps = Int(ProcessInfo.processInfo.environment["WAKESMITH_TRAIN_STEPS"] ?? "") ?? 6000
        let options = TrainingOptions(architecture: architecture, batchSize: 64,
                                      schedule: TrainingSchedule([.init(steps: steps, learningRate: 0.002,
                                                                        batch: BatchSettings(positiveWeight: 1, negativeWeight: 5))]),
                                      evaluateEvery: 250, checkpointEvery: 100_000, seed: 7,
                                      runDirectory: folder.appending("run").path, showsProgress: false)
        let training = try Trainer(options: options, featureSets: sets).run { print("train: \($0)") }
        let weightsPath = try #require(training.bestWeightsPath ?? training.lastWeightsPath)
        print("trained \(training.finalStep) steps in \(Int(training.totalSeconds)) s")

        let settings = ExportSettings(outputDirectory: folder.appending("model").path, modelName: "synthetic",
                                      representativeSteps: 500, wakeWord: "Synthetic", author: "tests",
                                      workDirectory: folder.appending("work").path)
        let representative = zip(trainPositive.prefix(40), trainNegative.prefix(40)).flatMap { [$0, $1] }
        let result = try Exporter(settings: settings, showProgress: false) { print("export: \($0)") }
            .export(weights: try MixedNetWeightsFile.read(weightsPath), source: weightsPath, representative: representative,
                    testClips: testPositive + testNegative,
                    testSplit: FeatureClips.TestSplit(clips: testPositive + testNegative,
                                                      labels: testPositive.map { _ in true } + testNegative.map { _ in false },
                                                      ambient: testAmbient.flatMap { $0 }))
        let agreement = try #require(result.agreement)
        // The export's own comparison (sliding window 5, cool-down 75, 1 s suppressed at each clip's start).
        let exportRecall = try #require(result.recall)
        print(exportRecall.summary)
        #expect(exportRecall.float.recall > 0.5 && exportRecall.passed, "\(exportRecall.summary)")
        let verification = Verifier().verify(path: result.manifestPath)
        #expect(verification.willLoad, "verify: \(verification.firstFailure?.message ?? "")")
        print("verify: " + verification.checks.map { "\($0.name) \($0.status.rawValue)" }.joined(separator: ", "))
        print(agreement.summary)

        // Recall at 0.5 FAH, float against int8, on the same clips and ambient audio (raw outputs, cool-down 75).
        let weights = try MixedNetWeightsFile.read(weightsPath)
        let model = try TFLiteModel(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: result.modelPath))))
        let labelled = try FloatInt8Agreement.outputs(weights: weights, model: model, clips: testPositive + testNegative)
        let ambient = try FloatInt8Agreement.outputs(weights: weights, model: model, clips: testAmbient)
        let labels = testPositive.map { _ in true } + testNegative.map { _ in false }
        let hours = Double(testAmbient.reduce(0) { $0 + $1.count / 40 }) * 0.01 / 3600
        let counting = FalseAcceptCounting(cooldownSteps: 75, slidingWindow: 1)
        func recall(_ scores: ModelScores, _ streams: [ModelScores]) throws -> (recall: Double, cutoff: Double) {
            let curves = try ClassificationCurves(scores: scores, labels: labels)
            let rates = try FalseAcceptRates(streams: streams, hours: hours, counting: counting)
            return try recallAtRate(recall: curves.recall, perHour: rates.perHour, target: 0.5)
        }
        let floatRecall = try recall(.probabilities(labelled.map { Double($0.float.max() ?? 0) }),
                                     ambient.map { .probabilities($0.float.map(Double.init)) })
        let int8Recall = try recall(.deviceOutputs(labelled.map { $0.int8.max() ?? 0 }), ambient.map { .deviceOutputs($0.int8) })
        print("recall at 0.5 FAH (\(String(format: "%.2f", hours)) h ambient): float \(floatRecall), int8 \(int8Recall)")
        #expect(floatRecall.recall > 0.5, "the model did not learn the word: float recall \(floatRecall.recall)")
        #expect(abs(floatRecall.recall - int8Recall.recall) <= 0.02)
        #expect(agreement.passed, "\(agreement.summary)")

        if oraclePython != nil {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: result.modelPath)))
            let oracle = try TFLiteMicroStream.run(bytes, clips: testAmbient, arena: result.arena.manifestBytes)
            #expect(oracle == ambient.map { $0.int8.map(Int.init) }, "tflite-micro differs from the emulator")
            print("tflite-micro = emulator on \(ambient.reduce(0) { $0 + $1.int8.count }) inferences at arena \(result.arena.manifestBytes)")
        }
    }
}
