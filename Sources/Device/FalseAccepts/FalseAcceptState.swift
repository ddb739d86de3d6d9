import Foundation
import Support

/// What `device fah` has measured so far, kept in a state file written atomically (and durably) after each
/// segment, so a run killed at any moment continues where it stopped and counts exactly what an
/// uninterrupted run counts.
public struct FalseAcceptState: Equatable, Sendable {
    public struct Done: Equatable, Sendable {
        public var samples: Int
        /// Detections on the device and in the emulator.
        public var device: Int
        public var host: Int
    }

    /// What the state belongs to: the model's hash, the device's release and board, the plan.
    public var model: String
    public var esphome: String
    public var board: String
    public var plan: String
    /// Finished segments by key.
    public var done: [String: Done] = [:]

    public init(model: String, esphome: String, board: String, plan: String) {
        self.model = model
        self.esphome = esphome
        self.board = board
        self.plan = plan
    }

    static let formatVersion = 1

    public var json: JSONValue {
        .object([
            ("version", .integer(Self.formatVersion)), ("model", .string(model)), ("esphome", .string(esphome)),
            ("board", .string(board)), ("plan", .string(plan)),
            ("done", .object(done.keys.sorted().map { key in
                let value = done[key] ?? Done(samples: 0, device: 0, host: 0)
                return (key, .object([("samples", .integer(value.samples)), ("device", .integer(value.device)), ("host", .integer(value.host))]))
            })),
        ])
    }

    /// Reads a state file; nil when there is none.
    public static func read(path: String) throws -> FalseAcceptState? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let value = try? JSONValue(parsing: [UInt8](data)), value["version"]?.integerValue == formatVersion,
              let model = value["model"]?.stringValue, let esphome = value["esphome"]?.stringValue,
              let board = value["board"]?.stringValue, let plan = value["plan"]?.stringValue
        else {
            throw Failure("\(path) is not a `device fah` state file", hint: "delete it, or start over with --restart")
        }
        var state = FalseAcceptState(model: model, esphome: esphome, board: board, plan: plan)
        let done = value["done"]
        for key in done?.keys ?? [] {
            guard let entry = done?[key] else { continue }
            guard let samples = entry["samples"]?.integerValue, let device = entry["device"]?.integerValue,
                  let host = entry["host"]?.integerValue
            else { throw Failure("\(path): segment \(key) is incomplete", hint: "delete it, or start over with --restart") }
            state.done[key] = Done(samples: samples, device: device, host: host)
        }
        return state
    }

    public func write(path: String) throws {
        try AtomicFile.write(json.serialized(indent: 1) + "\n", to: path, durable: true)
    }
}
