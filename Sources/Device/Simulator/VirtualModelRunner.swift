/// What the virtual device runs in place of micro_wake_word: given chunks of a stream, what the models did,
/// in the order the firmware harness reports it (per model: arena when it loads, then its inference, then
/// its detection). The emulator provides the real one; tests use scripted ones.
public protocol VirtualModelRunner {
    /// The models, as the device announces them (`MODEL`).
    var models: [DeviceIdentity.Model] { get }
    /// The ESPHome release whose behaviour it follows.
    var esphome: String { get }
    /// Begins a stream as after a boot: fresh frontend, models unloaded, stride positions at 0.
    mutating func start()
    /// Takes one chunk and tells what happened.
    mutating func feed(_ samples: [Int16], _ event: (VirtualModelEvent) -> Void)
}

public enum VirtualModelEvent: Equatable, Sendable {
    case arena(model: Int, used: Int, size: Int)
    case inference(model: Int, raw: UInt8)
    case detection(model: Int)
}

/// A virtual device with nothing flashed: no models, every chunk taken without an event.
public struct EmptyModelRunner: VirtualModelRunner {
    public let esphome: String
    public var models: [DeviceIdentity.Model] { [] }
    public init(esphome: String) { self.esphome = esphome }
    public mutating func start() {}
    public mutating func feed(_: [Int16], _: (VirtualModelEvent) -> Void) {}
}
