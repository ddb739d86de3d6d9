import Foundation
import Testing
import Support
import TestSupport
@testable import Device
import DeviceTestSupport

@Suite struct HarnessProjectTests {
    @Test func writesAProjectESPHomeCanBuild() throws {
        let directory = TemporaryDirectory("harness-project")
        let first = try DeviceFixtures.writeModel(named: "hey jarvis", wakeWord: "Hey Jarvis", in: directory.appending("in"))
        let second = try DeviceFixtures.writeModel(named: "1st-word", wakeWord: "First", in: directory.appending("in/other"))
        let project = try HarnessProject.write(to: directory.appending("project"), board: .esp32s3, esphome: "2026.10.0",
                                               manifests: [first, second], harness: DeviceFixtures.harness)
        #expect(project.models.map(\.id) == ["hey_jarvis", "model_1st_word"])
        let yaml = try String(contentsOf: project.configuration, encoding: .utf8)
        #expect(!yaml.contains("{{"))
        #expect(yaml.contains("board: esp32-s3-devkitc-1"))
        #expect(yaml.contains("stop_after_detection: false"))
        #expect(yaml.contains("    - model: models/hey_jarvis.json\n      id: hey_jarvis"))
        #expect(yaml.contains("    - model: model_1st_word\n      hash: \"\(project.models[1].hash)\""))
        // The copied manifest names the copied model; the model bytes are unchanged.
        let manifest = try JSONValue(parsing: [UInt8](Data(contentsOf: directory.appending("project/models/hey_jarvis.json"))))
        #expect(manifest["model"]?.stringValue == "hey_jarvis.tflite")
        #expect(manifest["wake_word"]?.stringValue == "Hey Jarvis")
        let copied = try Data(contentsOf: directory.appending("project/models/hey_jarvis.tflite"))
        #expect(copied == (try Data(contentsOf: directory.appending("in/hey jarvis.tflite"))))
        for name in ["__init__.py", "microphone.py", "harness.cpp", "link_engine.cpp", "protocol.h", "model_access.cpp"] {
            #expect(FileManager.default.fileExists(atPath: directory.appending("project/components/wakesmith_harness/\(name)").path))
        }
        let plain = try HarnessProject.write(to: directory.appending("plain"), board: .esp32, esphome: "2026.6.0",
                                             manifests: [first], harness: DeviceFixtures.harness)
        let plainYAML = try String(contentsOf: plain.configuration, encoding: .utf8)
        #expect(plainYAML.contains("board: esp32dev") && plainYAML.contains("tx_pin: GPIO1") && plainYAML.contains("baud_rate: 0"))
    }

    @Test func theModelHashIsTheBLAKE2bPrefix() throws {
        // hashlib.blake2b(b"abc").hexdigest()[:16] (RFC 7693 appendix A: ba80a53f981c4d0d…)
        #expect(HarnessModel.hash(of: Array("abc".utf8)) == "ba80a53f981c4d0d")
    }

    @Test func refusesWhatItCannotRun() throws {
        let directory = TemporaryDirectory("harness-refusals")
        let vad = try DeviceFixtures.writeModel(named: "vad", wakeWord: "vad", in: directory.url)
        #expect(throws: Failure.self) { try HarnessModel(manifest: vad) }
        try "{\"model\": \"missing.tflite\", \"wake_word\": \"x\"}".write(to: directory.appending("m.json"), atomically: true, encoding: .utf8)
        let missing = #expect(throws: Failure.self) { try HarnessModel(manifest: directory.appending("m.json")) }
        #expect(missing?.message.contains("missing.tflite") == true)
    }

    @Test func theMinimumReleaseIsTheSameEverywhere() throws {
        let component = DeviceFixtures.harness.appendingPathComponent("components/wakesmith_harness")
        let python = try String(contentsOf: component.appendingPathComponent("__init__.py"), encoding: .utf8)
        let cpp = try String(contentsOf: component.appendingPathComponent("model_access.cpp"), encoding: .utf8)
        let template = try String(contentsOf: DeviceFixtures.harness.appendingPathComponent("harness.yaml.template"), encoding: .utf8)
        let parts = FirmwareHarness.minimumESPHome.split(separator: ".").joined(separator: ", ")
        #expect(python.contains("MINIMUM_ESPHOME = (\(parts))"))
        #expect(cpp.contains("ESPHOME_VERSION_CODE < VERSION_CODE(\(parts))"))
        #expect(template.contains("min_version: \(FirmwareHarness.minimumESPHome)"))
    }

    @Test func theHarnessVersionIsTheSameInTheFirmwareAndTheVirtualDevice() throws {
        let harness = DeviceFixtures.harness.appendingPathComponent("components/wakesmith_harness/harness.cpp")
        let cpp = try String(contentsOf: harness, encoding: .utf8)
        #expect(cpp.contains("static const uint32_t HARNESS_VERSION = \(FirmwareHarness.version);"))
    }

    @Test func boardsFromEsptool() {
        #expect(HarnessBoard.fromChipDescription("Chip is ESP32-S3 (QFN56) (revision v0.2)") == .esp32s3)
        #expect(HarnessBoard.fromChipDescription("Chip type:          ESP32-D0WD-V3 (revision v3.1)") == .esp32)
        #expect(HarnessBoard.fromChipDescription("Chip is ESP32-C3 (QFN32)") == nil)
    }
}
