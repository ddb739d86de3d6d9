import Foundation
@testable import Device

/// A virtual device's runner that only announces the manifests it was given (no audio events): what a
/// `LOAD` test needs. The emulator-backed runner is tested in EmulatedDeviceTests.
struct AnnouncingRunner: VirtualModelRunner {
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
