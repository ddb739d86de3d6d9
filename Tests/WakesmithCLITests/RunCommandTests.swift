#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization
import Support
import TestSupport
import Testing

/// `wakesmith run` on a tiny project (tone-burst words, a small model, a few training steps): every stage
/// runs, a second run skips what is up to date, a changed input re-runs exactly the stages that read it,
/// failures name their stage in one line, Ctrl-C stops and the next run resumes training.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct RunCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    static func pipelineSections(steps: Int) -> String {
        """

        model:
          first_conv_filters: 8
          pointwise_filters: [12, 12]
          repeat_in_block: [1, 1]
          mixconv_kernel_sizes: [[5], [3, 7]]
          residual_connection: [false, false]
          head_frames: 4
        training:
          batch_size: 16
          training_steps: [\(steps)]
          learning_rates: [0.001]
          eval_every: 10
          checkpoint_every: 10
          run_dir: work/run
          feature_sets:
            - {name: positive, path: work/features/positive, sampling_weight: 1.0, penalty_weight: 1.0, truth: true, truncation_strategy: truncate_start}
            - {name: negative, path: work/features/negative, sampling_weight: 1.0, penalty_weight: 1.0, truth: false, truncation_strategy: random}
            - {name: background, path: work/features/background, sampling_weight: 1.0, penalty_weight: 1.0, truth: false, truncation_strategy: random}
        export:
          output_dir: work/model
          model_name: tiny
          representative_samples: 50
          agreement_max_clips: 8
        wake_word:
          phrase: hey tiny
        """
    }

    /// A project folder with a dataset and a config for every stage.
    static func project(_ name: String, steps: Int = 20) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory(name)
        let config = try FeaturesProject.make(in: folder.url)
        let text = try String(contentsOfFile: config, encoding: .utf8) + pipelineSections(steps: steps)
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        return folder
    }

    /// The summary row of a stage: its status column.
    static func status(_ stage: String, in output: String) -> String? {
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.first.map(String.init) == stage, words.count > 1 else { continue }
            return words[1] == "up" ? "up to date" : String(words[1])
        }
        return nil
    }

    @Test func runsEveryStageThenSkipsWhatIsUpToDate() throws {
        let folder = try Self.project("run-skips")
        let first = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(first.status == 0, "\(first.standardError)")
        for stage in ["validate", "features", "train", "export", "verify"] {
            #expect(Self.status(stage, in: first.standardOutput) == "ran", "\(stage): \(first.standardOutput)")
        }
        #expect(first.standardOutput.contains("model:    ") && first.standardOutput.contains("work/model/tiny.tflite"))
        #expect(first.standardOutput.contains("manifest: ") && first.standardOutput.contains("loads on ESPHome"))
        let model = folder.appending("work/model/tiny.tflite").path
        let modified = try FileManager.default.attributesOfItem(atPath: model)[.modificationDate] as? Date

        let second = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(second.status == 0, "\(second.standardError)")
        #expect(Self.status("features", in: second.standardOutput) == "up to date")
        #expect(Self.status("train", in: second.standardOutput) == "skipped")
        #expect(Self.status("export", in: second.standardOutput) == "skipped")
        #expect(Self.status("verify", in: second.standardOutput) == "ran")
        #expect(try FileManager.default.attributesOfItem(atPath: model)[.modificationDate] as? Date == modified)

        // A training setting changed: training runs again; export follows only if the weights changed.
        let config = folder.appending("config.yaml").path
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "learning_rates: [0.001]", with: "learning_rates: [0.003]")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let third = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(third.status == 0, "\(third.standardError)")
        #expect(Self.status("features", in: third.standardOutput) == "up to date")
        #expect(Self.status("train", in: third.standardOutput) == "ran")
        #expect(Self.status("export", in: third.standardOutput) == "ran", "new weights, new model")
        #expect(third.standardError.contains("[train] running (inputs changed"))

        // An output removed: its stage runs again, and only it.
        try FileManager.default.removeItem(atPath: model)
        let fourth = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(fourth.status == 0, "\(fourth.standardError)")
        #expect(Self.status("train", in: fourth.standardOutput) == "skipped")
        #expect(Self.status("export", in: fourth.standardOutput) == "ran")
        #expect(fourth.standardError.contains("tiny.tflite is missing"))

        // --force runs a stage that is up to date; an unknown stage name is a usage error.
        let forced = try wakesmith(["run", "--config", "config.yaml", "--quiet", "--force", "train"], in: folder.url)
        #expect(forced.status == 0, "\(forced.standardError)")
        #expect(Self.status("train", in: forced.standardOutput) == "ran")
        #expect(forced.standardError.contains("[train] running (forced)"))
        let unknown = try wakesmith(["run", "--config", "config.yaml", "--force", "trian"], in: folder.url)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("unknown stage 'trian'"))
    }

    @Test func failuresNameTheirStageInOneLine() throws {
        let folder = try Self.project("run-errors")
        // A file that is not audio stops the run at validate, before any other stage.
        try Data("not a wav".utf8).write(to: folder.appending("dataset/negative/broken.wav"))
        let broken = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(broken.status == 1)
        let errors = broken.standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1, "\(broken.standardError)")
        #expect(errors.first?.hasPrefix("error: validate: 1 unusable file(s), e.g. negative/broken.wav") == true, "\(errors)")
        #expect(broken.standardError.contains("hint: "))
        #expect(Self.status("validate", in: broken.standardOutput) == "failed")
        #expect(Self.status("features", in: broken.standardOutput) == nil, "no stage after the failure runs")
        try FileManager.default.removeItem(at: folder.appending("dataset/negative/broken.wav"))

        // Training that cannot find its stores names the train stage.
        let config = folder.appending("config.yaml").path
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "path: work/features/positive", with: "path: work/features/nowhere")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let missing = try wakesmith(["run", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("error: train: "), "\(missing.standardError)")
        #expect(Self.status("features", in: missing.standardOutput) == "ran")
        #expect(Self.status("train", in: missing.standardOutput) == "failed")

        // A configuration with a typo: the config's own lines, before any stage.
        try text.replacingOccurrences(of: "eval_every: 10", with: "eval_evry: 10").write(toFile: config, atomically: true, encoding: .utf8)
        let typo = try wakesmith(["run", "--config", "config.yaml"], in: folder.url)
        #expect(typo.status == 1)
        #expect(typo.standardError.contains("eval_evry") && typo.standardError.contains("eval_every"))
        #expect(!typo.standardError.contains("[validate]"))
    }

    /// Starts `run`, waits until standard error contains `marker`, then sends SIGINT; returns the result.
    func interrupted(after marker: String, in folder: URL) throws -> (status: Int32, standardOutput: String, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(wakesmithExecutable))
        process.arguments = ["run", "--config", "config.yaml", "--quiet"]
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let collected = Mutex(Data())
        err.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            collected.withLock { $0.append(data) }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline, process.isRunning,
              !collected.withLock({ String(decoding: $0, as: UTF8.self) }).contains(marker) {
            usleep(20_000)
        }
        usleep(300_000) // into the stage's work
        process.interrupt()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        err.fileHandleForReading.readabilityHandler = nil
        let rest = err.fileHandleForReading.readDataToEndOfFile()
        let errors = collected.withLock { $0 } + rest
        return (status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
                             standardError: String(decoding: errors, as: UTF8.self))
    }

    @Test func ctrlCStopsTrainingAndTheNextRunResumesIt() throws {
        let folder = try Self.project("run-interrupt", steps: 100_000)
        let first = try interrupted(after: "[train] running", in: folder.url)
        #expect(first.status == 130, "\(first.standardError)")
        #expect(Self.status("features", in: first.standardOutput) == "ran")
        #expect(Self.status("train", in: first.standardOutput) == "interrupted", "\(first.standardOutput)")
        #expect(first.standardError.contains("interrupted: run the same command again"))
        let state = try String(contentsOf: folder.appending("work/pipeline_state.json"), encoding: .utf8)
        #expect(state.contains("\"interrupted\": {\n    \"train\""), "\(state)")

        let second = try interrupted(after: "[train] resuming", in: folder.url)
        #expect(second.status == 130)
        #expect(Self.status("features", in: second.standardOutput) == "up to date")
        #expect(second.standardError.contains("resuming at step "), "\(second.standardError)")
    }
}
