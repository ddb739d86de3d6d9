import Features
import Foundation
import Frontend
import Support
import TestSupport
import Testing
import Training

/// `wakesmith export` and the refuse-early check of `wakesmith config`, run as users run them.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct ExportCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    static let smallModel = """
    model:
      first_conv_filters: 8
      pointwise_filters: [12, 12]
      repeat_in_block: [1, 1]
      mixconv_kernel_sizes: [[5], [3, 7]]
      residual_connection: [false, true]
      head_frames: 4
    """

    @Test func exportsFromTheRunFolderAndStores() throws {
        let folder = TemporaryDirectory("export-command")
        let yaml = Self.smallModel + """

        features:
          work_dir: work
        training:
          run_dir: work/run
        export:
          output_dir: out
          model_name: my_word
          representative_samples: 100
          agreement_max_clips: 8
        wake_word:
          phrase: hey there
        """
        try yaml.write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        // Stores of pure tones (enough to calibrate and compare), and a model with random weights.
        let work = folder.appending("work").path
        for set in ["positive", "negative"] {
            for split in ["training", "testing"] {
                let writer = try FeatureStoreWriter(splitFolder: FeatureStoreLayout.splitFolder(work: work, set: set, split: split))
                for index in 0 ..< 4 {
                    let tone = TestSignals.sine(frequency: 300 + 150 * Double(index), seconds: 1.2, amplitude: 0.3)
                    try writer.append(MicroFrontend().spectrogram(of: TestSignals.int16(tone)))
                }
                _ = try writer.commit([])
            }
        }
        let resolved = try wakesmith(["config", "--json", "config.yaml"], in: folder.url)
        #expect(resolved.status == 0, "\(resolved.standardError)")
        let model = try MixedNet(MixedNetArchitecture(firstConvFilters: 8, blocks: [
            .init(filters: 12, kernelSizes: [5]), .init(filters: 12, kernelSizes: [3, 7], residual: true),
        ], headFrames: 4))
        model.initialize(seed: 5)
        try FileManager.default.createDirectory(at: folder.appending("work/run"), withIntermediateDirectories: true)
        try MixedNetWeightsFile.write(model, to: folder.appending("work/run/best.weights").path)

        let result = try wakesmith(["export", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("exported ") && result.standardOutput.contains("ESPHome ≥ 2024.7.0"))
        #expect(result.standardError.contains("float vs int8 at cutoff 0.5: "))
        #expect(!result.standardError.contains("another shape"), "the configuration's model is the weights' model")
        for file in ["my_word.tflite", "my_word.json", "my_word.export.json"] {
            #expect(FileManager.default.fileExists(atPath: folder.appending("out/\(file)").path), "\(file) missing")
        }
        let manifest = try JSONValue(parsing: [UInt8](try Data(contentsOf: folder.appending("out/my_word.json"))))
        #expect(manifest["wake_word"]?.stringValue == "Hey There")
        #expect(manifest["micro"]?["tensor_arena_size"]?.integerValue.map { $0 > 4000 } == true)
        let verified = try wakesmith(["verify", "out/my_word.json"], in: folder.url)
        #expect(verified.status == 0, "verify: \(verified.standardOutput)\(verified.standardError)")

        // A model the device cannot run: refused by `config` (and by export) before any work.
        let tooDeep = yaml.replacingOccurrences(of: "repeat_in_block: [1, 1]", with: "repeat_in_block: [10, 10]")
        try tooDeep.write(to: folder.appending("deep.yaml"), atomically: true, encoding: .utf8)
        let refused = try wakesmith(["config", "deep.yaml"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("deep.yaml:4:3: model.repeat_in_block: the model needs 22 streaming buffers"))
        #expect(refused.standardError.contains("use repeat_in_block: [9, 9] (20 buffers)"))
        let notExported = try wakesmith(["export", "--config", "deep.yaml", "--quiet"], in: folder.url)
        #expect(notExported.status == 1 && notExported.standardError.contains("model.repeat_in_block"))
        try FileManager.default.removeItem(at: folder.appending("work/run"))
        let notTrained = try wakesmith(["train", "--config", "deep.yaml", "--quiet"], in: folder.url)
        #expect(notTrained.status == 1 && notTrained.standardError.contains("use repeat_in_block: [9, 9] (20 buffers)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appending("work/run").path), "train started before refusing")
    }

    @Test func saysWhereTheWeightsShouldBe() throws {
        let folder = TemporaryDirectory("export-command")
        try "training:\n  run_dir: run\n".write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let result = try wakesmith(["export", "--config", "config.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot read weights file") && result.standardError.contains("run/best.weights"))
    }
}
