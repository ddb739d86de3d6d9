import Foundation
import Synchronization
import Support
import TestSupport
@testable import Device

/// A virtual device served on its own thread for the duration of a test, behind a symbolic link.
final class RunningVirtualDevice: @unchecked Sendable {
    let device: VirtualDevice
    let link: String
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(link: String, faults: FaultPlan = FaultPlan(), runner: any VirtualModelRunner = ScriptedModelRunner(),
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
    func stop() -> FaultInjector.Tally {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        return device.finish()
    }
}

/// Test audio: a pseudo-random signal, `seconds` long.
func scriptedAudio(seconds: Double, seed: UInt64) -> [Int16] {
    var generator = SeededGenerator(seed: seed)
    return (0 ..< Int(seconds * 16000)).map { _ in Int16(truncatingIfNeeded: generator.next() >> 40) }
}
