import Device
import Foundation

/// A virtual device's runner that only announces the manifests it was given (no audio events): what a test
/// of `LOAD` (`DeviceSession.load`, `device flash` to a virtual device) needs. The emulator-backed runner is
/// tested in EmulatedDeviceTests.
public struct AnnouncingRunner: VirtualModelRunner {
    public let models: [DeviceIdentity.Model]
    public let esphome: String

    public init(manifests: [String], esphome: String) throws {
        self.esphome = esphome
        models = try manifests.map { path in
            let model = try HarnessModel(manifest: URL(fileURLWithPath: path))
            return DeviceIdentity.Model(id: model.id, wakeWord: model.wakeWord, hash: model.hash, cutoff: 229, slidingWindow: 5, arena: 30000)
        }
    }

    public mutating func start() {}
    public mutating func feed(_: [Int16], _: (VirtualModelEvent) -> Void) {}
}
