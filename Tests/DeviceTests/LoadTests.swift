import Foundation
import Synchronization
import Testing
import Support
import TestSupport
@testable import Device
import DeviceTestSupport

/// `DeviceSession.load` on a faulty link: a lost `LOAD` is sent again, a lost announcement is found by asking
/// (the models are not loaded twice), and the end of the attempts, a refusal and a failed load are typed errors.
@Suite(.serialized) struct LoadTests {
    /// A virtual device that loads through `AnnouncingRunner` and counts its loads.
    final class Loads: @unchecked Sendable {
        let count = Mutex(0)
        var factory: VirtualDevice.RunnerFactory {
            { [self] paths, release in
                count.withLock { $0 += 1 }
                return try AnnouncingRunner(manifests: paths, esphome: release)
            }
        }
    }

    static var quick: DeviceSession.Timing {
        var timing = DeviceSession.Timing()
        timing.loadWait = 1
        timing.loadAttempts = 3
        return timing
    }

    func model(in directory: TemporaryDirectory) throws -> URL {
        try DeviceFixtures.writeModel(named: "hey_load", wakeWord: "Hey Load", in: directory.appending("models"))
    }

    @Test(arguments: [(lost: 2, announcements: 0), (lost: 0, announcements: 1), (lost: 1, announcements: 1)])
    func lostLoadsAndAnnouncementsAreRecovered(_ loss: (lost: Int, announcements: Int)) throws {
        let directory = TemporaryDirectory("load-lossy")
        let manifest = try model(in: directory)
        let loads = Loads()
        // Random damage both ways as well: the retries must work through it.
        let device = try RunningVirtualDevice(link: directory.appending("link").path,
                                              faults: try FaultPlan(parsing: "drop=0.001,corrupt=0.001,seed=4"),
                                              runner: EmptyModelRunner(esphome: "2026.10.0"), factory: loads.factory)
        let link = LossyTransport(try Transports.open(device.link), loadsToLose: loss.lost, announcementsToLose: loss.announcements)
        let session = DeviceSession(transport: link, timing: Self.quick, log: { print("bridge: \($0)") })
        let before = try session.connect()
        let identity = try session.load(manifests: [manifest.path], esphome: "2026.6.0")
        _ = device.stop()
        #expect(identity.boot != before.boot && identity.esphome == "2026.6.0" && identity.models.map(\.id) == ["hey_load"])
        // Sent once per lost LOAD, and once more; never again once the device took one.
        #expect(link.loadsWritten == loss.lost + 1)
        #expect(loads.count.withLock { $0 } == 1)
        #expect(session.faults.resets == 0, "a load is not a reset")
    }

    @Test func aLinkThatLosesEveryLoadEndsInATypedError() throws {
        let directory = TemporaryDirectory("load-lost")
        let manifest = try model(in: directory)
        let loads = Loads()
        let device = try RunningVirtualDevice(link: directory.appending("link").path, runner: EmptyModelRunner(esphome: "2026.10.0"),
                                              factory: loads.factory)
        let link = LossyTransport(try Transports.open(device.link), loadsToLose: 100)
        let session = DeviceSession(transport: link, timing: Self.quick, log: { _ in })
        #expect(throws: DeviceLoadError.noAnswer(port: link.name, attempts: 3)) {
            _ = try session.load(manifests: [manifest.path], esphome: "2026.6.0")
        }
        _ = device.stop()
        #expect(link.loadsWritten == 3 && loads.count.withLock { $0 } == 0)
    }

    @Test func aRealDeviceRefusesAndABrokenModelFails() throws {
        let directory = TemporaryDirectory("load-refused")
        let manifest = try model(in: directory)
        // No factory: the device cannot load models (as a real harness answers).
        let real = try RunningVirtualDevice(link: directory.appending("real").path, runner: EmptyModelRunner(esphome: "2026.10.0"))
        let session = DeviceSession(transport: try Transports.open(real.link), timing: Self.quick, log: { _ in })
        #expect(throws: DeviceLoadError.notVirtual(port: real.link)) {
            _ = try session.load(manifests: [manifest.path], esphome: "2026.6.0")
        }
        _ = real.stop()
        // A factory that cannot load them: the device's FAULT detail is in the error.
        let broken = try RunningVirtualDevice(link: directory.appending("broken").path, runner: EmptyModelRunner(esphome: "2026.10.0"),
                                              factory: { _, _ in throw Failure("no such model file") })
        let other = DeviceSession(transport: try Transports.open(broken.link), timing: Self.quick, log: { _ in })
        #expect(throws: DeviceLoadError.failed(port: broken.link, detail: "no such model file")) {
            _ = try other.load(manifests: [manifest.path], esphome: "2026.6.0")
        }
        _ = broken.stop()
    }
}
