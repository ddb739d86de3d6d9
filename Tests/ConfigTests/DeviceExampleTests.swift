import Foundation
import TestSupport
import Testing

/// ESPHome in its default environment (`$WAKESMITH_ESPHOME_VENV` or ~/.cache/wakesmith/esphome-venv, made by
/// scripts/install-esphome.sh), or nil.
private var esphomeExecutable: String? {
    let venv = ProcessInfo.processInfo.environment["WAKESMITH_ESPHOME_VENV"]
        ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/wakesmith/esphome-venv").path
    let executable = venv + "/bin/esphome"
    return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
}

/// The ESPHome device examples in configs/devices/ pass `esphome config` with a model where they expect
/// it (the official hey_jarvis model standing in for a generated one). Slow (ESPHome starts for seconds)
/// and needs ESPHome's environment (`bash scripts/install-esphome.sh`):
/// `WAKESMITH_SLOW_TESTS=1 swift test --disable-xctest --filter DeviceExampleTests`.
@Suite(.enabled(if: slowTestsEnabled && esphomeExecutable != nil && Repository.referenceModels != nil,
                "slow; needs ESPHome's venv and the shared reference models"))
struct DeviceExampleTests {
    static var esphome: String? { esphomeExecutable }

    @Test func everyDeviceExamplePassesESPHomeConfig() throws {
        let examples = Repository.root.appendingPathComponent("configs/devices")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(!names.isEmpty)
        let project = TemporaryDirectory("device-examples")
        let models = project.appending("work/model")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let reference = try #require(Repository.referenceModels)
        for file in ["hey_jarvis.json", "hey_jarvis.tflite"] {
            try FileManager.default.copyItem(at: reference.appendingPathComponent(file), to: models.appendingPathComponent(file))
        }
        for name in names {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: project.appending(name))
            let result = try runProcess(try #require(Self.esphome), ["config", name], currentDirectory: project.url)
            #expect(result.status == 0, "\(name): \(result.standardOutput.suffix(2000))\(result.standardError.suffix(2000))")
        }
    }
}
