import Foundation
import Support
import Synchronization
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What a synth run has finished, so an interrupted run continues where it stopped: one JSON line per file
/// written (after its atomic rename), under a header naming the plan's digest. Kept after the run, so the
/// same command again finds every file done. Lives in the dataset's cache folder.
final class SynthJournal: Sendable {
    static let name = "synth-journal.jsonl"

    let path: String
    private let descriptor: Mutex<Int32>

    /// (plan digest, file → seconds) of the journal at `path`, or nil when there is none.
    static func read(_ path: String) -> (plan: String, done: [String: Double])? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var plan: String?
        var done: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            guard let entry = try? JSONValue(parsing: String(line)) else { continue } // a line cut by a crash
            if let digest = entry["plan"]?.stringValue { plan = digest }
            if let file = entry["file"]?.stringValue, let seconds = entry["duration_s"]?.doubleValue { done[file] = seconds }
        }
        return plan.map { ($0, done) }
    }

    /// Opens the journal for appending; a new one (header only) unless `continuing`.
    init(path: String, plan: String, continuing: Bool) throws(FileError) {
        self.path = path
        if !continuing {
            try AtomicFile.write(JSONValue.object([(key: "plan", value: .string(plan))]).serialized() + "\n", to: path)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw FileError(path: path, operation: "append to", reason: String(cString: strerror(errno))) }
        descriptor = Mutex(fd)
    }

    deinit { descriptor.withLock { _ = close($0) } }

    /// Records a finished file.
    func record(file: String, seconds: Double) {
        let line = JSONValue.object([(key: "file", value: .string(file)), (key: "duration_s", value: .number(seconds))]).serialized() + "\n"
        descriptor.withLock { fd in
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
        }
    }
}
