import Support

/// Why `DeviceSession.load` could not make a virtual device run the models (`device flash` to a virtual device).
public enum DeviceLoadError: UserFacingError, Equatable {
    /// The device answered `LOAD` with `ERR code=load`: it is a real device, whose models are compiled in.
    case notVirtual(port: String)
    /// The virtual device tried and could not load them (its `FAULT kind=load`).
    case failed(port: String, detail: String)
    /// No new boot announced the models after every attempt (`LOAD`, then `QUERY` to see whether it was taken).
    case noAnswer(port: String, attempts: Int)

    public var message: String {
        switch self {
        case let .notVirtual(port): "\(port) is not a virtual device: it cannot load models over the link"
        case let .failed(port, detail): "the virtual device at \(port) could not load the models: \(detail)"
        case let .noAnswer(port, attempts): "the virtual device at \(port) did not confirm loading the models after \(attempts) attempts"
        }
    }

    public var hint: String? {
        switch self {
        case .notVirtual: "flash real devices with `wakesmith device flash --port PORT MODEL.json`"
        case .failed: "check the manifests and models it names (the simulator's output says more)"
        case .noAnswer: "the link loses too much, or the simulator stopped: check `device simulate` and its --faults"
        }
    }
}
