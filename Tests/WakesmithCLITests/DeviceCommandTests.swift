import Foundation
import Synchronization
import Testing
import TestSupport
import Support
@testable import Device
import DeviceTestSupport

/// `device list` and `device flash` through the built executable; flashing a virtual device loads the models.
@Suite(.serialized, .enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct DeviceCommandTests {
    @Test func listShowsThePorts() throws {
        let result = try runProcess(try #require(wakesmithExecutable), ["device", "list"])
        #expect(result.status == 0, "\(result.standardError)")
        let ports = try SerialPortListing.ports()
        for port in ports { #expect(result.standardOutput.contains(port.path)) }
        if !ports.isEmpty { #expect(result.standardOutput.hasPrefix("PORT")) }
    }

    @Test func flashDryRunWritesTheProjectAndPrintsTheCommands() throws {
        let directory = TemporaryDirectory("flash-dry-run")
        let manifest = try DeviceFixtures.writeModel(named: "hey_test", wakeWord: "Hey Test", in: directory.url)
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
        let manifest = try DeviceFixtures.writeModel(named: "hey_test", wakeWord: "Hey Test", in: directory.url)
        let link = directory.appending("link").path
        let loaded = Mutex<[String]>([])
        let device = try RunningVirtualDevice(link: link, runner: EmptyModelRunner(esphome: "2026.10.0")) { paths, release in
            loaded.withLock { $0 = paths + [release] }
            return try AnnouncingRunner(manifests: paths, esphome: release)
        }
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["device", "flash", "--port", link, manifest.path, "--esphome", "2026.6.0"])
        device.stop()
        #expect(result.status == 0, "\(result.standardError)")
        #expect(loaded.withLock { $0 } == [manifest.path, "2026.6.0"])
        #expect(result.standardOutput.contains("virtual device runs hey_test as ESPHome 2026.6.0"))
    }
}
