import Foundation
import Support
import TestSupport
import Testing

/// Issue 15 item 7 through the built executable: a model the device cannot run is refused by `config` and
/// by `train` before any training, with the reason and the nearest valid setting on one line.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct RefuseEarlyCommandTests {
    /// Each configuration the firmware cannot run, and the words its one-line refusal must hold.
    static let cases: [(yaml: String, words: [String])] = [
        // 1 (first conv) + 12 + 9 + 1 (head) = 23 streaming buffers; ESPHome holds 20 resource variables.
        ("model:\n  pointwise_filters: [16, 16]\n  repeat_in_block: [12, 9]\n  mixconv_kernel_sizes: [[3], [5]]\n  residual_connection: [false, false]\n",
         ["config.yaml:5:3: model.repeat_in_block:", "23 streaming buffers", "at most 20", "use repeat_in_block: [9, 9] (20 buffers)"]),
        // Spatial attention needs operators outside ESPHome's 20.
        ("model:\n  spatial_attention: true\n", ["model.spatial_attention:", "outside the 20", "set model.spatial_attention: false"]),
        // The firmware's stride counter is one byte.
        ("model:\n  stride: 300\n", ["model.stride:", "from 1 to 255, got 300"]),
    ]

    func project(_ yaml: String) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("refuse-early")
        try ("training:\n  run_dir: run\n" + yaml).write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test(arguments: cases.indices)
    func configRefusesWithTheReasonAndTheNearestSetting(index: Int) throws {
        let (yaml, words) = Self.cases[index]
        let folder = try project(yaml)
        let result = try runProcess(try #require(wakesmithExecutable), ["config", folder.appending("config.yaml").path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        let errors = result.standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1, "\(result.standardError)")
        for word in words { #expect(errors.first?.contains(word) == true, "missing '\(word)' in \(result.standardError)") }
    }

    @Test(arguments: cases.indices)
    func trainRefusesBeforeAnyTraining(index: Int) throws {
        let (yaml, words) = Self.cases[index]
        let folder = try project(yaml)
        let result = try runProcess(try #require(wakesmithExecutable), ["train", "--config", "config.yaml", "--quiet"],
                                    currentDirectory: folder.url)
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1, "\(result.standardError)")
        for word in words { #expect(errors.first?.contains(word) == true, "missing '\(word)' in \(result.standardError)") }
        // Nothing was started: no run folder, no weights.
        #expect(!FileManager.default.fileExists(atPath: folder.appending("run").path))
    }
}
