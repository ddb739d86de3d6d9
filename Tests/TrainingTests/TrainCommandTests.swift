import Features
import Foundation
import Frontend
import Support
import TestSupport
import Testing
@testable import Training

/// `wakesmith train --config` end to end on feature stores written by the Features module, and the slow
/// kill -9 test: a run killed at a random moment and resumed ends with the uninterrupted run's weights.
@Suite struct TrainCommandTests {
    /// Writes the synthetic sets of `TrainerTests` as feature stores and a configuration that trains on them.
    static func makeProject(_ folder: TemporaryDirectory, steps: (Int, Int) = (40, 30), checkpointEvery: Int = 20,
                            evaluateEvery: Int = 20) throws -> String
    {
        for set in TrainerTests.featureSets(seed: 11) {
            let splits: [(String, (any SpectrogramCollection)?)] = [
                ("training", set.training), ("validation", set.validation), ("validation_ambient", set.validationAmbient),
            ]
            for (split, collection) in splits {
                guard let collection else { continue }
                let writer = try FeatureStoreWriter(splitFolder: folder.path + "/features/\(set.name)/\(split)")
                for index in 0 ..< collection.count {
                    try writer.append(Spectrogram(values: collection.withFrames(of: index) { Array($0) }))
                }
                try writer.commit([])
            }
        }
        let config = """
            model: {stride: 2, first_conv_filters: 8, first_conv_kernel_size: 3, pointwise_filters: [16, 16],
                    repeat_in_block: [1, 1], mixconv_kernel_sizes: [[3, 5], [7]], residual_connection: [false, true],
                    head_frames: 3, bn_momentum: 0.9}
            training:
              batch_size: 24
              training_steps: [\(steps.0), \(steps.1)]
              learning_rates: [0.005, 0.002]
              positive_class_weight: [1.0, 1.0]
              negative_class_weight: [2.0, 3.0]
              time_mask_max_size: [0, 4]
              time_mask_count: [0, 1]
              freq_mask_max_size: [0, 3]
              freq_mask_count: [0, 1]
              eval_every: \(evaluateEvery)
              checkpoint_every: \(checkpointEvery)
              seed: 7
              checkpoint_selection: {target_minimization: 1.0e9}
              run_dir: run
              feature_sets:
                - {name: positive, path: features/positive, sampling_weight: 1.0, truth: true, truncation_strategy: truncate_start}
                - {name: negative, path: features/negative, sampling_weight: 2.0, truth: false, truncation_strategy: random}
            """
        let path = folder.path + "/config.yaml"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: wakesmithExecutable != nil)) func trainsFromAConfiguration() throws {
        let folder = TemporaryDirectory("train-cli")
        let config = try Self.makeProject(folder)
        let result = try runProcess(try #require(wakesmithExecutable), ["train", "--config", config, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("trained to step 70"))
        #expect(result.standardOutput.contains("per step: batch assembly"))
        #expect(result.standardOutput.contains("best: step"))
        let records = RunLog.history(at: folder.path + "/run/metrics.jsonl")
        #expect(records.map(\.step) == [0, 20, 40, 60, 70])
        #expect((records.last?["recall"] ?? 0) > 0.9)
        let missing = try runProcess(try #require(wakesmithExecutable), ["train", "--config", folder.path + "/absent.yaml"])
        #expect(missing.status == 1)
    }

    @Test(.enabled(if: slowTestsEnabled && wakesmithExecutable != nil), .timeLimit(.minutes(10)))
    func killedAndResumedRunMatchesAnUninterruptedOne() throws {
        let executable = try #require(wakesmithExecutable)
        let whole = TemporaryDirectory("whole"), killed = TemporaryDirectory("killed")
        let steps = (8000, 7000)
        let wholeConfig = try Self.makeProject(whole, steps: steps, checkpointEvery: 700, evaluateEvery: 1000)
        let killedConfig = try Self.makeProject(killed, steps: steps, checkpointEvery: 700, evaluateEvery: 1000)
        #expect(try runProcess(executable, ["train", "--config", wholeConfig, "--quiet"]).status == 0)
        // Kill -9 three times, each a random moment after the run wrote a new checkpoint (so between
        // checkpoints), resuming each time.
        var generator = SeededGenerator(seed: UInt64(Date().timeIntervalSince1970))
        let checkpoint = killed.path + "/run/checkpoint/state.weights"
        func modified() -> Date? { try? FileManager.default.attributesOfItem(atPath: checkpoint)[.modificationDate] as? Date }
        var kills = 0
        for round in 0 ..< 3 {
            let before = modified()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["train", "--config", killedConfig, "--quiet"] + (round > 0 ? ["--resume"] : [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            while process.isRunning, modified() == before { Thread.sleep(forTimeInterval: 0.01) }
            Thread.sleep(forTimeInterval: generator.uniform(0, 0.4))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        #expect(kills >= 2, "the runs ended before they could be killed")
        let resumed = try runProcess(executable, ["train", "--config", killedConfig, "--resume", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        for name in ["last.weights", "best.weights"] {
            let a = try MixedNetWeightsFile.read(whole.path + "/run/" + name).variables.mapValues { $0.map(\.bitPattern) }
            let b = try MixedNetWeightsFile.read(killed.path + "/run/" + name).variables.mapValues { $0.map(\.bitPattern) }
            #expect(a == b, "\(name) differs after kill -9 and --resume")
        }
        let a = RunLog.history(at: whole.path + "/run/metrics.jsonl").map { $0.json().serialized() }
        let b = RunLog.history(at: killed.path + "/run/metrics.jsonl").map { $0.json().serialized() }
        #expect(a == b)
    }
}
