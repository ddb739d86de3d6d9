import Foundation
import Testing
import Support
import TestSupport
@testable import Device
import DeviceTestSupport

/// Slow: ESPHome itself judges the harness. For every installed ESPHome (the default environment and each
/// `~/.cache/wakesmith/esphome-<release>`) and both boards: `esphome config` accepts the generated project,
/// `esphome compile --only-generate` writes its C++, and g++ compiles the harness component against that
/// release's real headers (ESP-IDF, FreeRTOS and TFLite Micro replaced by declarations in
/// firmware-harness/tests/host-stubs). Compiling for the ESP32 itself needs toolchain downloads.
///   WAKESMITH_SLOW_TESTS=1 swift test -c release --disable-xctest --filter HarnessBuildCheckTests
@Suite(.serialized) struct HarnessBuildCheckTests {
    static var installations: [ESPHomeTool] {
        var folders = [ESPHomeTool.defaultEnvironment]
        let cache = ESPHomeTool.cacheFolder
        for name in (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? [] where name.hasPrefix("esphome-") {
            folders.append(cache.appendingPathComponent(name))
        }
        var tools: [ESPHomeTool] = []
        for folder in folders {
            let executable = folder.appendingPathComponent("bin/esphome")
            if let release = try? ESPHomeTool.version(of: executable), !tools.contains(where: { $0.release == release }) {
                tools.append(ESPHomeTool(executable: executable, release: release))
            }
        }
        return tools
    }

    @Test(.enabled(if: slowTestsEnabled, "slow: set WAKESMITH_SLOW_TESTS=1"))
    func esphomeAcceptsAndGeneratesTheHarness() throws {
        let tools = Self.installations
        try #require(!tools.isEmpty, "no ESPHome installed: bash scripts/install-esphome.sh (or wakesmith device flash --esphome V installs V)")
        let directory = TemporaryDirectory("harness-build")
        let models = [
            try DeviceFixtures.writeModel(named: "okay_nabu", wakeWord: "Okay Nabu", in: directory.appending("in"), official: "okay_nabu"),
            try DeviceFixtures.writeModel(named: "generated", wakeWord: "Hey Wakesmith", in: directory.appending("in")),
        ]
        for tool in tools {
            let supported = compare(tool.release, FirmwareHarness.minimumESPHome) >= 0
            for board in HarnessBoard.allCases {
                let label = "ESPHome \(tool.release) \(board.rawValue)"
                let project = try HarnessProject.write(to: directory.appending("\(tool.release)-\(board.rawValue)"), board: board,
                                                       esphome: tool.release, manifests: models, harness: DeviceFixtures.harness)
                let config = try ProcessRunner.run(tool.executable.path, ["config", "harness.yaml"], in: project.folder)
                guard supported else {
                    #expect(config.status != 0, "\(label): a release before the minimum must be refused")
                    continue
                }
                #expect(config.status == 0, "\(label): esphome config\n\((config.output + config.error).suffix(3000))")
                #expect((config.output + config.error).contains("Configuration is valid"), "\(label)")
                let generate = try ProcessRunner.run(tool.executable.path, ["compile", "--only-generate", "harness.yaml"], in: project.folder)
                #expect(generate.status == 0, "\(label): code generation\n\((generate.output + generate.error).suffix(3000))")
                try compileComponent(in: project, label: label)
            }
        }
    }

    private func compileComponent(in project: HarnessProject, label: String) throws {
        let source = project.folder.appendingPathComponent(".esphome/build/wakesmith-harness/src")
        let stubs = DeviceFixtures.harness.appendingPathComponent("tests/host-stubs")
        let component = source.appendingPathComponent("esphome/components/wakesmith_harness")
        let files = try FileManager.default.contentsOfDirectory(atPath: component.path).filter { $0.hasSuffix(".cpp") }.sorted()
        #expect(files.count == 5, "\(label): component sources \(files)")
        for file in files {
            let result = try ProcessRunner.run("/usr/bin/g++", [
                "-fsyntax-only", "-std=gnu++20", "-Wall", "-Wextra", "-DUSE_ESP32", "-DUSE_ESP_IDF",
                "-I", source.path, "-I", stubs.path, component.appendingPathComponent(file).path,
            ])
            // Diagnostics in the harness's own files (ESPHome's headers may warn about themselves).
            let ours = (result.output + result.error).split(separator: "\n").filter { line in
                line.contains("wakesmith_harness/") && (line.contains(": warning:") || line.contains(": error:"))
            }
            #expect(result.status == 0, "\(label): \(file)\n\(result.error.suffix(3000))")
            #expect(ours.isEmpty, "\(label): \(file) warnings\n\(ours.joined(separator: "\n"))")
        }
    }

    private func compare(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let right = b.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        for (x, y) in zip(left, right) where x != y { return x < y ? -1 : 1 }
        return 0
    }
}
