import Foundation
import Support

/// The training run's metrics log (one JSON object per line, each with a `step`), read for the report's
/// training curves.
///
/// Nested objects are flattened with dots (`{"train": {"loss": 0.3}}` → `train.loss`); only finite numbers
/// are kept, so per-cutoff arrays and text are skipped. Lines that are not JSON objects with a `step` are
/// skipped too: a log cut short by an interrupted run still plots.
public struct TrainingLog: Sendable, Equatable {
    /// One flat record per evaluation, in the log's order.
    public var records: [[String: Double]]

    public init(records: [[String: Double]]) {
        self.records = records
    }

    /// Parses JSON lines.
    public init(jsonLines text: String) {
        var records: [[String: Double]] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let value = try? JSONValue(parsing: String(line)), case .object = value else { continue }
            var flat: [String: Double] = [:]
            Self.flatten(value, prefix: "", into: &flat)
            if flat["step"] != nil { records.append(flat) }
        }
        self.records = records
    }

    /// The log at `path`, or nil when there is none (a model trained elsewhere).
    public static func read(path: String) -> TrainingLog? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let log = TrainingLog(jsonLines: String(decoding: data, as: UTF8.self))
        return log.records.isEmpty ? nil : log
    }

    /// The step the run kept as its best checkpoint, when the log says (`best_step` in the last record).
    public var bestStep: Double? {
        records.last?["best_step"]
    }

    /// Every key containing `fragment` (and none of `avoiding`), each as (step, value) points, keys sorted.
    public func series(containing fragment: String, avoiding: [String] = []) -> [(name: String, points: [(step: Double, value: Double)])] {
        let keys = Set(records.flatMap(\.keys)).filter { key in
            key != "step" && key.contains(fragment) && !avoiding.contains { key.contains($0) }
        }
        return keys.sorted().map { key in
            (key, records.compactMap { record in
                guard let step = record["step"], let value = record[key] else { return nil }
                return (step, value)
            })
        }
    }

    private static func flatten(_ value: JSONValue, prefix: String, into flat: inout [String: Double]) {
        guard case .object(let pairs) = value else { return }
        for (key, child) in pairs {
            let name = prefix + key
            switch child {
            case .object: flatten(child, prefix: name + ".", into: &flat)
            case .integer, .number:
                if let number = child.doubleValue, number.isFinite { flat[name] = number }
            default: break
            }
        }
    }
}
