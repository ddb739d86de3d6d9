import Foundation
import Support

/// What each stage last finished with, in `<features.work_dir>/pipeline_state.json`: the stage's fingerprint
/// when it completed, and for training the fingerprint of a run that was interrupted (so the next `run`
/// resumes it instead of starting over). Written atomically after every stage.
public struct PipelineState: Sendable {
    public let path: String
    private var completed: [String: String] = [:]
    private var interrupted: [String: String] = [:]

    /// The state in `path`; an absent or unreadable file is an empty state (every stage runs).
    public init(path: String) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONValue(parsing: [UInt8](data)) else { return }
        for (key, target) in [("completed", \PipelineState.completed), ("interrupted", \PipelineState.interrupted)] {
            guard case let .object(pairs)? = json[key] else { continue }
            for (stage, value) in pairs {
                if let text = value.stringValue { self[keyPath: target][stage] = text }
            }
        }
    }

    public func isCompleted(_ stage: PipelineStage, fingerprint: String) -> Bool {
        completed[stage.rawValue] == fingerprint
    }

    public func wasInterrupted(_ stage: PipelineStage, fingerprint: String) -> Bool {
        interrupted[stage.rawValue] == fingerprint
    }

    public mutating func recordCompleted(_ stage: PipelineStage, fingerprint: String) throws(FileError) {
        completed[stage.rawValue] = fingerprint
        interrupted[stage.rawValue] = nil
        try save()
    }

    public mutating func recordInterrupted(_ stage: PipelineStage, fingerprint: String) throws(FileError) {
        completed[stage.rawValue] = nil
        interrupted[stage.rawValue] = fingerprint
        try save()
    }

    /// Forgets a stage (it failed, or is being re-run), so a later `run` does not skip it.
    public mutating func forget(_ stage: PipelineStage) throws(FileError) {
        guard completed[stage.rawValue] != nil else { return }
        completed[stage.rawValue] = nil
        try save()
    }

    private func save() throws(FileError) {
        func object(_ values: [String: String]) -> JSONValue {
            .object(values.keys.sorted().map { ($0, .string(values[$0] ?? "")) })
        }
        let json = JSONValue.object([("version", .integer(1)), ("completed", object(completed)), ("interrupted", object(interrupted))])
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try AtomicFile.write(json.serialized(indent: 2) + "\n", to: path)
    }
}
