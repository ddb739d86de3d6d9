import Emulator
import ESPHome
import Support

extension VerificationResult {
    /// The result as JSON (`verify --json`): per model its checks and facts, and the group checks.
    public var json: JSONValue {
        var top: [(key: String, value: JSONValue)] = [
            ("esphome", .string(release.description)),
            ("ok", .bool(willLoad)),
            ("models", .array(models.map(\.json))),
        ]
        if models.count > 1 { top.append(("group", .array(group.map(\.json)))) }
        return .object(top)
    }
}

extension ModelReport {
    public var json: JSONValue {
        var arenaObject: [(key: String, value: JSONValue)] = []
        for target in ArenaTarget.allCases {
            if let prediction = arena[target] { arenaObject.append((target.rawValue, .integer(prediction.minimumBytes))) }
        }
        func optional(_ value: Int?) -> JSONValue { value.map(JSONValue.integer) ?? .null }
        return .object([
            ("path", .string(path)),
            ("kind", .string(kind.rawValue)),
            ("ok", .bool(willLoad)),
            ("model_path", modelPath.map(JSONValue.string) ?? .null),
            ("manifest_version", optional(manifest?.version)),
            ("tensor_arena_size", optional(manifestArena)),
            ("arena", .object(arenaObject)),
            ("operators", .array(operators.map(JSONValue.string))),
            ("minimum_esphome_version", requiredRelease.map { .string($0.description) } ?? .null),
            ("stride", optional(stride)),
            ("resource_variables", optional(resourceVariables)),
            ("checks", .array(checks.map(\.json))),
        ])
    }
}

extension Check {
    public var json: JSONValue {
        .object([("name", .string(name)), ("status", .string(status.rawValue)), ("message", .string(message))])
    }
}
