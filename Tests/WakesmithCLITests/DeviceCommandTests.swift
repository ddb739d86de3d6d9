import Foundation
import Synchronization
import Testing
import TestSupport
import Support
@testable import Device

/// `device list` and `device flash` through the built executable; flashing a virtual device loads the models.
@Suite(.serialized, .enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct DeviceCommandTests {
    static func writeModel(in folder: URL, name: String) throws -> URL {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 5)
        try Data(Array("TFL3".utf8) + (0 ..< 500).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            .write(to: folder.appendingPathComponent("\(name).tflite"))
        let manifest = """
        {"type": "micro", "wake_word": "Hey Test", "author": "tests", "model": "\(name).tflite", "trained_languages": ["en"],
         "version": 2, "micro": {"probability_cutoff": 0.9, "feature_step_size": 10, "sliding_window_size": 5,
         "tensor_arena_size": 30000, "minimum_esphome_version": "2024.7.0"}}
        """
        let url = folder.appendingPathComponent("\(name).json")
        try manifest.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func listShowsThePorts() throws {
        let result = try runProcess(try #require(wakesmithExecutable), ["device", "list"])
        #expect(result.status == 0, "\(result.standardError)")
        let ports = try SerialPortListing.ports()
        for port in ports { #expect(result.standardOutput.contains(port.path)) }
        if !ports.isEmpty { #expect(result.standardOutput.hasPrefix("PORT")) }
    }

    @Test func flashDryRunWritesTheProjectAndPrintsTheCommands() throws {
        let directory = TemporaryDirectory("flash-dry-run")
        let manifest = try Self.writeModel(in: directory.url, name: "hey_test")
        let home = directory.appending("home")
        let environment = ["HOME": home.path, "WAKESMITH_HARNESS_BOARD": "esp32", "WAKESMITH_ESPHOME_VENV": home.appendingPathComponent("none").path,
                           "WAKESMITH_FIRMWARE_HARNESS": Repository.root.appendingPathComponent("firmware-harness").path]
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["device", "flash", "--port", "/dev/ttyUSB7", manifest.path, "--esphome", "2026.6.0", "--dry-run"],
                                    environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("-m pip install -q esphome==2026.6.0"))
        #expect(result.standardOutput.contains("run harness.yaml --device /dev/ttyUSB7 --no-logs"))
        let folder = home.appendingPathComponent(".cache/wakesmith/harness")
        let projects = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(projects.count == 1 && projects[0].hasPrefix("esp32-2026.6.0-"))
        let yaml = try String(contentsOf: folder.appendingPathComponent("\(projects[0])/harness.yaml"), encoding: .utf8)
        let hash = HarnessModel.hash(of: [UInt8](try Data(contentsOf: directory.appending("hey_test.tflite"))))
        #expect(yaml.contains("board: esp32dev") && yaml.contains(hash))

        let old = try runProcess(try #require(wakesmithExecutable),
                                 ["device", "flash", "--port", "/dev/ttyUSB7", manifest.path, "--esphome", "2026.5.3", "--dry-run"],
                                 environment: environment)
        #expect(old.status == 1 && old.standardError.contains("needs ESPHome 2026.6.0 or later"))
    }

    @Test func flashingAVirtualDeviceLoadsTheModels() throws {
        let directory = TemporaryDirectory("flash-virtual")
        let manifest = try Self.writeModel(in: directory.url, name: "hey_test")
        let terminal = try PseudoTerminal()
        let link = directory.appending("link").path
        try terminal.makeLink(at: link)
        let loaded = Mutex<[String]>([])
        let device = VirtualDevice(terminal: terminal, runner: EmptyModelRunner(esphome: "2026.10.0"), faults: FaultPlan()) { paths, release in
            loaded.withLock { $0 = paths + [release] }
            return try LoadedRunner(manifests: paths, esphome: release)
        }
        let stop = Atomic<Bool>(false)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let served = device
        Thread.detachNewThread {
            served.run { stop.load(ordering: .relaxed) }
            done.signal()
        }
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["device", "flash", "--port", link, manifest.path, "--esphome", "2026.6.0"])
        stop.store(true, ordering: .relaxed)
        done.wait()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(loaded.withLock { $0 } == [manifest.path, "2026.6.0"])
        #expect(result.standardOutput.contains("virtual device runs hey_test as ESPHome 2026.6.0"))
    }
}

/// A runner that only announces the manifests it was given (the emulator-backed one is tested elsewhere).
private struct LoadedRunner: VirtualModelRunner {
    let models: [DeviceIdentity.Model]
    let esphome: String

    init(manifests: [String], esphome: String) throws {
        self.esphome = esphome
        models = try manifests.map { path in
            let model = try HarnessModel(manifest: URL(fileURLWithPath: path))
            return DeviceIdentity.Model(id: model.id, wakeWord: model.wakeWord, hash: model.hash, cutoff: 229, slidingWindow: 5, arena: 30000)
        }
    }

    mutating func start() {}
    mutating func feed(_: [Int16], _: (VirtualModelEvent) -> Void) {}
}
