import Foundation
import Synchronization
@testable import Device

/// A link that loses exactly what a test says, on top of the virtual device's random faults: the first
/// `loadsToLose` `LOAD` frames the host writes, and, after each of the next `announcementsToLose` `LOAD`s
/// that do go out, everything the device writes until the host writes again (the new boot's announcement).
final class LossyTransport: Transport, @unchecked Sendable {
    private let inner: any Transport
    private var loadsToLose: Int
    private var announcementsToLose: Int
    private var deaf = false
    /// `LOAD` frames the host wrote, lost or not.
    private(set) var loadsWritten = 0

    init(_ inner: any Transport, loadsToLose: Int = 0, announcementsToLose: Int = 0) {
        self.inner = inner
        self.loadsToLose = loadsToLose
        self.announcementsToLose = announcementsToLose
    }

    var name: String { inner.name }

    func write(_ bytes: [UInt8], timeout: Double) throws {
        var receiver = FrameReceiver()
        let isLoad = receiver.receive(bytes).contains { result in
            if case let .success(frame) = result, case .load = frame.command { return true }
            return false
        }
        guard isLoad else {
            deaf = false
            try inner.write(bytes, timeout: timeout)
            return
        }
        loadsWritten += 1
        if loadsToLose > 0 {
            loadsToLose -= 1
            return
        }
        try inner.write(bytes, timeout: timeout)
        if announcementsToLose > 0 {
            announcementsToLose -= 1
            deaf = true
        }
    }

    func read(timeout: Double) throws -> [UInt8] {
        let bytes = try inner.read(timeout: timeout)
        return deaf ? [] : bytes
    }

    func close() { inner.close() }
}
