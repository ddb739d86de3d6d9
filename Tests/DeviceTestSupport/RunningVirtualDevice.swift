import Device
import Foundation
import Synchronization

/// A virtual device served on its own thread for the duration of a test, behind a symbolic link.
public final class RunningVirtualDevice: @unchecked Sendable {
    public let device: VirtualDevice
    public let link: String
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    public init(link: String, faults: FaultPlan = FaultPlan(), runner: any VirtualModelRunner,
                factory: VirtualDevice.RunnerFactory? = nil) throws
    {
        let terminal = try PseudoTerminal()
        try terminal.makeLink(at: link)
        self.link = link
        device = VirtualDevice(terminal: terminal, runner: runner, faults: faults, factory: factory)
        Thread.detachNewThread { [self] in
            device.run { stopRequested.load(ordering: .relaxed) }
            finished.signal()
        }
    }

    /// Stops the device and returns what it injected.
    @discardableResult
    public func stop() -> FaultInjector.Tally {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        return device.finish()
    }
}
