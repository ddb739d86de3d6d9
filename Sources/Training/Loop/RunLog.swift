import Foundation
import Support

/// Where evaluations go: `<run_dir>/metrics.jsonl` (one JSON object per evaluation) and TensorBoard
/// scalars under `<run_dir>/tensorboard/`. On resume the records past the checkpoint's step are dropped, so
/// none appears twice.
final class RunLog {
    let path: String
    private var events: TensorBoardEventWriter?

    init(runDirectory: String, resumeStep: Int?) throws(FileError) {
        path = runDirectory + "/metrics.jsonl"
        if let resumeStep {
            let kept = Self.history(at: path).filter { $0.step <= resumeStep }
            try AtomicFile.write(kept.map { $0.json().serialized() + "\n" }.joined(), to: path)
        } else {
            FileManagerShim.remove(path)
        }
        events = try TensorBoardEventWriter(directory: runDirectory + "/tensorboard")
    }

    /// The records written so far.
    static func history(at path: String) -> [EvaluationRecord] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            (try? JSONValue(parsing: String(line))).map(EvaluationRecord.init(json:))
        }
    }

    func append(_ record: EvaluationRecord) throws(FileError) {
        let line = record.json().serialized() + "\n"
        guard let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) else {
            throw FileError(path: path, operation: "append to", reason: "cannot open")
        }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
            try handle.close()
        } catch {
            throw FileError(path: path, operation: "append to", reason: error.localizedDescription)
        }
        try events?.add(record.tensorBoardScalars, step: record.step)
    }

    private static func create(_ path: String) -> FileHandle? {
        FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil
    }
}
