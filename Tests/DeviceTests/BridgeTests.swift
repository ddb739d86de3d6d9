import Foundation
import Synchronization
import Testing
import Support
import TestSupport
@testable import Device
import DeviceTestSupport

/// The bridge against a virtual device on a pseudo-terminal (a scripted model runner stands in for the
/// emulator): results equal what the device must say, whatever the link does, and every fault is counted.
@Suite(.serialized) struct BridgeTests {
    @Test func aCleanLinkGivesExactResultsAndNoFaults() throws {
        let directory = TemporaryDirectory("bridge-clean")
        let device = try RunningVirtualDevice(link: directory.appending("link").path)
        let session = DeviceSession(transport: try Transports.open(device.link), log: { _ in })
        let identity = try session.connect()
        #expect(identity.board == "virtual" && identity.models.map(\.id) == ["scripted"] && identity.step == 160)
        let audio = DeviceFixtures.scriptedAudio(seconds: 20, seed: 1)
        let started = Date()
        var progress: [Int] = []
        let outcome = try session.stream(audio) { progress.append($0) }
        let seconds = Date().timeIntervalSince(started)
        #expect(outcome == ScriptedModelRunner.expected(for: audio))
        #expect(outcome.inferences[0].count > 600 && !outcome.detections[0].isEmpty)
        #expect(session.faults.isEmpty, "\(session.faults.byKind.filter { $0.count > 0 })")
        #expect(progress.last == audio.count)
        print("clean pty: 20 s of audio in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", 20 / seconds))× real time)")
        // A second stream on the same session starts from a fresh state.
        let again = try session.stream(Array(audio.prefix(16000)))
        #expect(again == ScriptedModelRunner.expected(for: Array(audio.prefix(16000))))
        #expect(device.stop() == FaultInjector.Tally())
    }

    @Test func droppedAndCorruptedBytesAreRepairedAndCounted() throws {
        let directory = TemporaryDirectory("bridge-faults")
        var plan = try FaultPlan(parsing: "drop=0.0003,corrupt=0.0003,seed=7")
        plan.seed = 7
        let device = try RunningVirtualDevice(link: directory.appending("link").path, faults: plan)
        let session = DeviceSession(transport: try Transports.open(device.link), log: { print("bridge: \($0)") })
        try session.connect()
        let audio = DeviceFixtures.scriptedAudio(seconds: 60, seed: 2)
        let outcome = try session.stream(audio)
        // Every byte sent has been taken and every report written has been read: the counts are final.
        try session.settle()
        let tally = device.stop()
        #expect(outcome == ScriptedModelRunner.expected(for: audio))
        #expect(tally.damagedFrames > 20 && tally.damagedReports > 5, "\(tally)")
        // Every damaged frame the device found since the session began (its own counter), and every damaged
        // report line, is counted by the host.
        let before = try #require(session.initialCounters)
        #expect(session.faults.damagedFrames == tally.badReports - Int(before.bad), "\(tally) \(session.faults) \(before)")
        #expect(session.faults.damagedFrames > 20 && before.resets == 0 && session.faults.lostCounters == 0)
        #expect(session.faults.damagedReports == tally.damagedReports, "\(tally) \(session.faults)")
        #expect(session.faults.missingReports >= (tally.hiddenReports > 0 ? 1 : 0))
        #expect(session.faults.retransmittedFrames >= tally.damagedFrames)
        #expect(session.faults.resets == 0 && session.faults.restartedStreams == 0)
        print("faults: \(session.faults.byKind.filter { $0.count > 0 }) tally: \(tally)")
    }

    @Test func resetsRestartTheStreamAndLoseNothing() throws {
        let directory = TemporaryDirectory("bridge-resets")
        let plan = try FaultPlan(parsing: "reset=3,drop=0.0001,seed=11")
        let device = try RunningVirtualDevice(link: directory.appending("link").path, faults: plan)
        let session = DeviceSession(transport: try Transports.open(device.link), log: { _ in })
        try session.connect()
        var outcomes: [StreamOutcome] = []
        let files = (0 ..< 4).map { DeviceFixtures.scriptedAudio(seconds: 15, seed: 20 + UInt64($0)) }
        for audio in files { outcomes.append(try session.stream(audio)) }
        let tally = device.stop()
        for (audio, outcome) in zip(files, outcomes) {
            var expected = ScriptedModelRunner.expected(for: audio)
            expected.attempts = outcome.attempts
            #expect(outcome == expected)
        }
        #expect(tally.resets == 3 && device.device.counters.resets == 3)
        #expect(session.faults.resets == 3, "\(session.faults)")
        #expect(session.faults.restartedStreams >= 3)
        #expect(outcomes.map(\.attempts).reduce(0, +) == 4 + session.faults.restartedStreams)
    }

    @Test func aSlowDeviceIsWaitedFor() throws {
        let directory = TemporaryDirectory("bridge-slow")
        let device = try RunningVirtualDevice(link: directory.appending("link").path, faults: try FaultPlan(parsing: "slow=3"))
        let session = DeviceSession(transport: try Transports.open(device.link), log: { _ in })
        try session.connect()
        let audio = DeviceFixtures.scriptedAudio(seconds: 3, seed: 3)
        let outcome = try session.stream(audio)
        _ = device.stop()
        #expect(outcome == ScriptedModelRunner.expected(for: audio))
        #expect(session.faults.isEmpty, "\(session.faults.byKind.filter { $0.count > 0 })")
    }

    @Test func aNewHostEndsTheStreamAKilledOneLeftRunning() throws {
        let directory = TemporaryDirectory("bridge-abandoned")
        let device = try RunningVirtualDevice(link: directory.appending("link").path)
        // The first host starts a stream and vanishes mid-way (frames are sent, nothing more).
        let first = try Transports.open(device.link)
        try first.write([0] + Frame(sequence: 500, .start(stream: 9, mode: 0)).encoded(), timeout: 1)
        try first.write(Frame(sequence: 501, .audio(offset: 0, samples: [1, 2, 3])).encoded(), timeout: 1)
        Thread.sleep(forTimeInterval: 0.2)
        first.close()
        let session = DeviceSession(transport: try Transports.open(device.link), log: { print("bridge: \($0)") })
        try session.connect()
        let audio = DeviceFixtures.scriptedAudio(seconds: 2, seed: 4)
        let outcome = try session.stream(audio)
        _ = device.stop()
        #expect(outcome == ScriptedModelRunner.expected(for: audio))
    }

    @Test func ctrlCStopsTheStreamOnTheDevice() throws {
        let directory = TemporaryDirectory("bridge-interrupt")
        let device = try RunningVirtualDevice(link: directory.appending("link").path, faults: try FaultPlan(parsing: "slow=2"))
        // The session's own stop flag, as Ctrl-C sets the process's: setting the process-wide one here would
        // also stop the sessions of tests running beside this one.
        let stop = StopFlag()
        let session = DeviceSession(transport: try Transports.open(device.link), log: { _ in },
                                    shouldStop: { stop.isSet })
        try session.connect()
        #expect(throws: Interrupted.self) {
            _ = try session.stream(DeviceFixtures.scriptedAudio(seconds: 30, seed: 5)) { samples in
                if samples > 16000 { stop.set() }
            }
        }
        // The device was told to stop: a new session finds it idle and streams normally.
        let next = DeviceSession(transport: try Transports.open(device.link), log: { _ in })
        try next.connect()
        let audio = DeviceFixtures.scriptedAudio(seconds: 1, seed: 6)
        #expect(try next.stream(audio) == ScriptedModelRunner.expected(for: audio))
        _ = device.stop()
    }

    @Test func faultPlansParseAndRefuseNonsense() throws {
        let plan = try FaultPlan(parsing: "drop=0.001, corrupt=0.002,reset=2,slow=5,seed=9")
        #expect(plan.dropRate == 0.001 && plan.corruptRate == 0.002 && plan.resets == 2 && plan.slowMilliseconds == 5 && plan.seed == 9)
        #expect(throws: Failure.self) { try FaultPlan(parsing: "drop=2") }
        #expect(throws: Failure.self) { try FaultPlan(parsing: "reste=1") }
        #expect(throws: Failure.self) { try FaultPlan(parsing: "drop") }
    }
}

/// A stop request for one session (what Ctrl-C is for the whole process).
private final class StopFlag: Sendable {
    private let requested = Atomic<Bool>(false)
    var isSet: Bool { requested.load(ordering: .relaxed) }
    func set() { requested.store(true, ordering: .relaxed) }
}
