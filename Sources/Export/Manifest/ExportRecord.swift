import Emulator
import Support

/// `<name>.export.json`: what the export knows beyond the manifest's closed schema (SPEC §3 forbids extra
/// keys there), for the model card and for people checking a model: the predicted arenas and the margin,
/// operators, quantization of every value with its calibrated range, the agreement, notes.
struct ExportRecord {
    let result: ExportResult
    let conversion: Int8Conversion
    let weights: String
    let settings: ExportSettings

    static let format = 1

    var json: JSONValue {
        let graph = conversion.graph
        let values: [JSONValue] = graph.values.indices.map { index in
            let range = conversion.calibration.range(index)
            let q = conversion.plan.parameters[index]
            return .object([
                (key: "name", value: .string(graph.values[index].name)),
                (key: "shape", value: .array((graph.values[index].isFlat ? [1, graph.values[index].channels]
                        : [1, graph.values[index].frames, 1, graph.values[index].channels]).map { .integer($0) })),
                (key: "scale", value: .number(Double(q.scale))), (key: "zero_point", value: .integer(Int(q.zeroPoint))),
                (key: "calibrated_min", value: .number(Double(range.min))),
                (key: "calibrated_max", value: .number(Double(range.max))),
            ])
        }
        let arena = result.arena
        let checks: [(key: String, value: JSONValue)] = [
            (key: "agreement", value: result.agreement?.json ?? .null),
            (key: "recall", value: result.recall?.json ?? .null),
            (key: "notes", value: .array(result.notes.map { .string($0) })),
        ]
        return .object([
            (key: "format", value: .integer(Self.format)),
            (key: "weights", value: .string(weights)),
            (key: "model", value: .string(settings.modelName + ".tflite")),
            (key: "manifest", value: .string(settings.modelName + ".json")),
            (key: "size_bytes", value: .integer(result.modelBytes)),
            (key: "operators", value: .array(result.operators.map { .string($0) })),
            (key: "resource_variables", value: .integer(result.resourceVariables)),
            (key: "stride", value: .integer(graph.stride)),
            (key: "arena", value: .object([
                (key: "tensor_arena_size", value: .integer(arena.manifestBytes)),
                (key: "margin", value: .number(arena.margin)),
                (key: "predicted_minimum", value: .object(ArenaTarget.allCases.map { (key: $0.rawValue, value: .integer(arena.minimum($0))) })),
                (key: "rule", value: .string("the largest predicted minimum (ESP32, ESP32-S3 with ESP-NN scratch, host tflite-micro) × (1 + margin), rounded up to 16 bytes")),
            ])),
            (key: "minimum_esphome_version", value: .string(result.minimumVersion.description)),
            (key: "probability_cutoff", value: .number(settings.probabilityCutoff)),
            (key: "calibration", value: .object([
                (key: "strides", value: .integer(result.calibrationSteps)),
                (key: "values", value: .array(values)),
            ])),
        ] + checks)
    }
}
