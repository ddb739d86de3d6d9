import Foundation
import Support
import Testing
import TestSupport
@testable import Export

/// ESPHome itself judges the exported manifest (SPEC §7): `esphome config` on a minimal ESP32-S3 device
/// with the model, offline. Slow (ESPHome starts in about a minute on this machine) and needs ESPHome's own
/// environment: `$WAKESMITH_ESPHOME_VENV` or ~/.cache/wakesmith/esphome-venv (Python ≥ 3.12, `pip install
/// esphome`).
@Suite struct ESPHomeJudgeTests {
    static var esphome: String? {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["WAKESMITH_ESPHOME_VENV"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.cache/wakesmith/esphome-venv")
        let path = folder + "/bin/esphome"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static func deviceYAML(models: [String]) -> String {
        """
        esphome:
          name: wakesmith-check
        esp32:
          board: esp32-s3-devkitc-1
          framework:
            type: esp-idf
        logger:
        i2s_audio:
          - id: i2s_bus
            i2s_lrclk_pin: GPIO4
            i2s_bclk_pin: GPIO5
        microphone:
          - platform: i2s_audio
            id: mic
            i2s_audio_id: i2s_bus
            i2s_din_pin: GPIO6
            adc_type: external
            pdm: false
            sample_rate: 16000
            bits_per_sample: 16bit
        micro_wake_word:
          microphone: mic
          models:
        \(models.map { "    - model: models/\($0)" }.joined(separator: "\n"))

        """
    }

    @Test(.enabled(if: slowTestsEnabled && esphome != nil, "slow; needs ESPHome's environment"))
    func esphomeConfigAcceptsTheExportedManifest() throws {
        let exported = try ExporterTests.export(agreementClips: 0)
        let project = TemporaryDirectory("esphome-judge")
        let models = project.appending("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        for path in [exported.result.manifestPath, exported.result.modelPath] {
            try FileManager.default.copyItem(atPath: path, toPath: models.appendingPathComponent((path as NSString).lastPathComponent).path)
        }
        try Self.deviceYAML(models: ["hey_test.json"]).write(to: project.appending("device.yaml"), atomically: true, encoding: .utf8)
        let result = try runProcess(try #require(Self.esphome), ["config", "device.yaml"],
                                    environment: ["ESPHOME_NO_VENV": "1", "HOME": NSHomeDirectory()], currentDirectory: project.url)
        #expect(result.status == 0, "esphome config rejects it: \((result.standardOutput + result.standardError).suffix(1500))")
        #expect(result.standardOutput.contains("hey_test.json"))

        // The judge can fail: one extra key in the manifest and ESPHome refuses the whole configuration.
        let manifest = models.appendingPathComponent("hey_test.json")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 2,\n  \"calibration\": 1,")
            .write(to: manifest, atomically: true, encoding: .utf8)
        let rejected = try runProcess(try #require(Self.esphome), ["config", "device.yaml"],
                                      environment: ["ESPHOME_NO_VENV": "1", "HOME": NSHomeDirectory()], currentDirectory: project.url)
        #expect(rejected.status != 0)
    }
}
