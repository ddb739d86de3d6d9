import AudioIO
import Foundation
import Testing
import TestSupport
import Support
import DeviceTestSupport

/// `device simulate`, `device flash`, `device test` and `device fah` through the built executable against a
/// simulated device: a `device fah` killed mid-run (SIGKILL) and run again counts exactly what an
/// uninterrupted run counts.
@Suite(.serialized, .enabled(if: wakesmithExecutable != nil && Repository.referenceModels != nil,
                             "needs the built wakesmith executable and shared/reference-models"))
struct DeviceFahCommandTests {
    /// A `device simulate` process serving `link`.
    static func simulate(link: String, faults: String? = nil) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(wakesmithExecutable))
        process.arguments = ["device", "simulate", "--link", link] + (faults.map { ["--faults", $0] } ?? [])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: link), Date() < deadline { usleep(20000) }
        return process
    }

    /// The device's and the host's false accepts from `device fah`'s output.
    static func counts(_ output: String) -> (device: Int, host: Int)? {
        func count(_ prefix: String) -> Int? {
            output.split(separator: "\n").first { $0.hasPrefix(prefix) }?.dropFirst(prefix.count)
                .split(separator: " ").first.flatMap { Int($0) }
        }
        guard let device = count("device: "), let host = count("host:   ") else { return nil }
        return (device, host)
    }

    static func doneSegments(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path), let value = try? JSONValue(parsing: [UInt8](data)) else { return 0 }
        return value["done"]?.keys.count ?? 0
    }

    @Test func fahResumesAfterAKillWithTheSameCount() throws {
        let executable = try #require(wakesmithExecutable)
        let directory = TemporaryDirectory("device-fah")
        let manifest = try DeviceFixtures.eagerModel(in: directory.url).path
        let ambient = directory.appending("ambient").path
        _ = try DeviceFixtures.writeAudio(in: URL(fileURLWithPath: ambient), seconds: [14, 22, 9], seed: 3, prefix: "room")
        let link = directory.appending("link").path
        let simulator = try Self.simulate(link: link)
        defer {
            if simulator.isRunning { simulator.terminate() }
            simulator.waitUntilExit()
        }
        let flash = try runProcess(executable, ["device", "flash", "--port", link, manifest, "--esphome", "2026.6.0"])
        #expect(flash.status == 0, "\(flash.standardError)")
        let common = ["device", "fah", "--port", link, "--model", manifest, "--ambient", ambient, "--segment", "11"]

        let reference = try runProcess(executable, common + ["--state", directory.appending("reference.json").path])
        #expect(reference.status == 0, "\(reference.standardError)")
        let expected = try #require(Self.counts(reference.standardOutput), "\(reference.standardOutput)")
        #expect(expected.device == expected.host && expected.device > 0, "\(reference.standardOutput)")
        #expect(Self.doneSegments(directory.appending("reference.json").path) == 5)

        // Killed after some segments, then run again: the same count, the finished segments not streamed again.
        let state = directory.appending("killed.json").path
        let victim = Process()
        victim.executableURL = URL(fileURLWithPath: executable)
        victim.arguments = common + ["--state", state]
        victim.standardOutput = FileHandle.nullDevice
        victim.standardError = FileHandle.nullDevice
        try victim.run()
        let deadline = Date().addingTimeInterval(120)
        while victim.isRunning, Self.doneSegments(state) < 2, Date() < deadline { usleep(5000) }
        let killedMidRun = victim.isRunning
        kill(victim.processIdentifier, SIGKILL)
        victim.waitUntilExit()
        let kept = Self.doneSegments(state)
        #expect(killedMidRun && kept >= 2 && kept < 5, "kept \(kept)")
        let resumed = try runProcess(executable, common + ["--state", state])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let again = try #require(Self.counts(resumed.standardOutput), "\(resumed.standardOutput)")
        #expect(again.device == expected.device && again.host == expected.host)
        #expect(resumed.standardOutput.contains("(5 segments, \(kept) from \(state))"), "\(resumed.standardOutput)")

        // Another run's state is refused rather than mixed in.
        let other = try runProcess(executable, common.dropLast(2) + ["--segment", "10", "--state", state])
        #expect(other.status == 1 && other.standardError.contains("belongs to another run"))

        // device test through the same simulated device: agreement, exit 0, SPEC §6 JSON.
        let test = try runProcess(executable, ["device", "test", "--port", link, "--model", manifest, "--json",
                                               ambient + "/room0.wav", ambient + "/room1.wav"])
        #expect(test.status == 0, "\(test.standardError)")
        let json = try JSONValue(parsing: Array(test.standardOutput.utf8))
        #expect(json["agreement"]?["identical"]?.integerValue == json["agreement"]?["total"]?.integerValue)
        #expect(json["arena"]?["device"]?.integerValue != nil && json["faults"]?["resets"]?.integerValue == 0)

        simulator.terminate()
        simulator.waitUntilExit()
        #expect(simulator.terminationStatus == 0 && !FileManager.default.fileExists(atPath: link))
    }
}
