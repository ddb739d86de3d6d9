import AudioIO
import ESPHome
import Foundation
import Testing
import Support
import TestSupport
@testable import Device
import DeviceTestSupport

extension BridgeTests {
/// The virtual device running the real emulator, behind faults: `device test` returns exactly the
/// emulator's outputs, reports every injected fault, and loses nothing. (Nested in `BridgeTests`, which
/// runs serialized: a test there raises the process-wide Ctrl-C flag.)
@Suite(.enabled(if: Repository.referenceModels != nil, "needs shared/reference-models"))
struct EmulatedDeviceTests {
    @Test func deviceTestThroughFaultsGivesTheEmulatorsOutputs() throws {
        try checkDeviceTest(seconds: [14, 22, 9], faults: "drop=0.0004,corrupt=0.0004,reset=1,seed=5")
    }

    /// The done-when check at length: minutes of audio through every kind of fault.
    @Test(.enabled(if: slowTestsEnabled)) func minutesOfAudioThroughFaultsGiveTheEmulatorsOutputs() throws {
        try checkDeviceTest(seconds: [75, 140, 60, 95], faults: "drop=0.0005,corrupt=0.0005,reset=4,slow=1,seed=9")
    }

    func checkDeviceTest(seconds: [Double], faults: String) throws {
        let directory = TemporaryDirectory("emulated-device")
        let manifest = try DeviceFixtures.eagerModel(in: directory.url)
        let files = try DeviceFixtures.writeAudio(in: directory.url, seconds: seconds, seed: 3)
        let plan = try FaultPlan(parsing: faults)
        let model = try HostModel(manifest: manifest)
        let runner = try EmulatorModelRunner(models: [model], release: ESPHomeVersion(2026, 6, 0))
        let device = try RunningVirtualDevice(link: directory.appending("link").path, faults: plan, runner: runner)
        let session = DeviceSession(transport: try Transports.open(device.link), log: { print("bridge: \($0)") })
        let run = try DeviceTestRun.run(session: session, port: device.link, model: model, files: files)
        let tally = device.stop()

        // Exactly the emulator's outputs, detections included, for every sample of every file.
        #expect(run.agrees && run.identical == run.total, "\(run.lines)")
        #expect(run.total > Int(seconds.reduce(0, +) * 30))
        #expect(run.files.map(\.device.samples) == run.files.map(\.samples))
        let detections = run.files.map(\.comparison.hostDetections.count).reduce(0, +)
        #expect(detections > 0, "the eager model detects nothing: the test audio proves nothing about detections")
        #expect(run.files.allSatisfy { $0.comparison.deviceDetections == $0.comparison.hostDetections })
        #expect(run.deviceArena == model.predictedArena(board: "virtual") && run.deviceArena != nil)

        // Every injected fault is reported.
        #expect(tally.damagedFrames > 10 && tally.damagedReports > 3, "\(tally)")
        #expect(run.faults.resets == tally.resets && tally.resets == plan.resets, "\(run.faults) \(tally)")
        #expect(run.faults.restartedStreams >= plan.resets)
        // Damaged frames by the device's own counter, which a reset does not wipe: those whose BAD report a
        // reset destroyed are counted too, whatever the timing.
        let before = try #require(session.initialCounters)
        #expect(run.faults.damagedFrames == tally.badReports - Int(before.bad), "\(run.faults) \(tally) \(before)")
        #expect(run.faults.lostCounters == 0)
        #expect(run.faults.damagedReports == tally.damagedReports, "\(run.faults) \(tally)")
        #expect(run.faults.missingReports >= (tally.hiddenReports > 0 ? 1 : 0))

        // The JSON keeps SPEC §6's keys.
        let json = run.json
        #expect(json["agreement"]?["identical"]?.integerValue == run.identical && json["agreement"]?["total"]?.integerValue == run.total)
        #expect(json["faults"]?["damaged_frames"]?.integerValue == run.faults.damagedFrames)
        #expect(json["arena"]?["device"]?.integerValue == run.deviceArena && json["arena"]?["predicted"]?.integerValue == run.predictedArena)
        #expect(json["files"]?.arrayValue?.count == files.count)
        print("device test: \(seconds.reduce(0, +)) s of audio, \(run.identical)/\(run.total) identical, faults \(run.faults.byKind.filter { $0.count > 0 }), injected \(tally)")
    }

    @Test func aDisagreementIsFoundAndNamed() throws {
        var host = StreamOutcome(models: 1)
        host.inferences[0] = (0 ..< 40).map { .init(samples: 480 + 160 * (2 + 3 * $0), raw: UInt8($0)) }
        host.detections[0] = [480 + 160 * 50]
        var device = host
        device.inferences[0][10].raw &+= 1
        let changed = StreamComparison(device: device, deviceModel: 0, host: host, hostModel: 0, step: 160, tolerance: 2)
        #expect(!changed.agrees && changed.identical == 39 && changed.total == 40 && changed.firstDifference?.index == 10)
        #expect(changed.summary.contains("first difference at output 10"))
        var missing = host
        missing.inferences[0].removeLast()
        let short = StreamComparison(device: missing, deviceModel: 0, host: host, hostModel: 0, step: 160, tolerance: 2)
        #expect(!short.agrees && short.identical == 39 && short.total == 40)
        var late = host
        late.detections[0] = [480 + 160 * 52]
        #expect(StreamComparison(device: late, deviceModel: 0, host: host, hostModel: 0, step: 160, tolerance: 2).agrees)
        late.detections[0] = [480 + 160 * 53]
        #expect(!StreamComparison(device: late, deviceModel: 0, host: host, hostModel: 0, step: 160, tolerance: 2).agrees)
        // Acoustic: outputs are not compared, detections within the tolerance are.
        let acoustic = StreamComparison(device: missing, deviceModel: 0, host: host, hostModel: 0, step: 160, tolerance: 50, compareOutputs: false)
        #expect(acoustic.agrees && acoustic.total == 0)
    }

    @Test func acousticModeNeedsAMicrophone() throws {
        let directory = TemporaryDirectory("emulated-device-acoustic")
        let manifest = try DeviceFixtures.eagerModel(in: directory.url)
        let files = try DeviceFixtures.writeAudio(in: directory.url, seconds: [1], seed: 5)
        let model = try HostModel(manifest: manifest)
        let device = try RunningVirtualDevice(link: directory.appending("link").path,
                                              runner: try EmulatorModelRunner(models: [model], release: ESPHomeVersion(2026, 6, 0)))
        defer { _ = device.stop() }
        let session = DeviceSession(transport: try Transports.open(device.link), log: { _ in })
        #expect(throws: Failure.self) {
            _ = try DeviceTestRun.run(session: session, port: device.link, model: model, files: files, player: AcousticPlayer(device: "null"))
        }
    }

    @Test func playbackThroughAnALSAFileOutputIsExact() throws {
        let directory = TemporaryDirectory("alsa-file")
        let output = directory.appending("played.raw").path
        let player = try #require(try AcousticPlayer.chosen(true, device: "file:FILE=\(output),FORMAT=raw"))
        let samples = DeviceFixtures.scriptedAudio(seconds: 0.7, seed: 8)
        try player.play(samples)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        let played = stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        #expect(played.count >= samples.count && Array(played.prefix(samples.count)) == samples)
        #expect(throws: Failure.self) { try AcousticPlayer.chosen(true, device: "no_such_alsa_device_here") }
    }
}

}
