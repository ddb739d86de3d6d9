import Foundation

/// The Python side of `bench features` (test oracles, never the product): pymicro-features' frontend on the
/// same audio, and the Python wakesmith package's own `bench features`, run in the same session so the
/// figures are comparable. Found through `$WAKESMITH_PYTHON`, else `./.venv/bin/python`, else the `.venv`
/// of the checkout the executable was built in.
public enum PythonFeaturesOracle {
    public struct OracleError: Error, Sendable {
        public let reason: String
    }

    static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
        // .build/release/wakesmith → the checkout's .venv.
        let checkout = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [environment["WAKESMITH_PYTHON"], FileManager.default.currentDirectoryPath + "/.venv/bin/python",
                          checkout.appendingPathComponent(".venv/bin/python").path]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// pymicro-features (its C frontend called from Python in 10 ms chunks, as the Python package feeds it)
    /// on `samples`: seconds of audio per second of process CPU time, best of three runs.
    public static func frontendRealTime(samples: [Int16]) -> Result<Double, OracleError> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-frontend-\(getpid()).pcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = samples.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: bytes) else {
            return .failure(OracleError(reason: "cannot write \(path)"))
        }
        let script = """
        import sys, time
        import numpy as np
        import pymicro_features
        audio = np.fromfile(sys.argv[1], dtype=np.int16)
        best = float("inf")
        for _ in range(3):
            frontend = pymicro_features.MicroFrontend()
            started = time.process_time()
            for start in range(0, audio.size - 159, 160):
                frontend.process_samples(audio[start:start + 160].tobytes())
            best = min(best, time.process_time() - started)
        print(audio.size / 16000 / best)
        """
        return run(["-c", script, path], expecting: 1, what: "pymicro-features").map { $0[0] }
    }

    /// The Python wakesmith package's `bench features --clips N --workers W`: (clips/s with `workers`,
    /// clips/s with one worker), parsed from its headline line.
    public static func packageClipsPerSecond(clips: Int, workers: Int) -> Result<(parallel: Double, single: Double), OracleError> {
        // Its last line: "features: X clips/s (1 worker: Y clips/s) workers=K".
        run(["-m", "wakesmith", "bench", "features", "--clips", String(clips), "--workers", String(workers)],
            expecting: 4, what: "the Python wakesmith package")
            .map { (parallel: $0[0], single: $0[2]) }
    }

    /// Runs the oracle Python with `arguments`; the numbers of its last output line (`expecting` of them).
    private static func run(_ arguments: [String], expecting count: Int?, what: String) -> Result<[Double], OracleError> {
        guard let python else {
            return .failure(OracleError(reason: "no Python with the oracles (.venv/bin/python or $WAKESMITH_PYTHON)"))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(OracleError(reason: "cannot run \(python): \(error.localizedDescription)"))
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        let numbers = numbers(in: last)
        guard process.terminationStatus == 0, count.map({ numbers.count == $0 }) ?? !numbers.isEmpty else {
            let line = errorText.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failure(OracleError(reason: "\(what) did not run: \(line)"))
        }
        return .success(numbers)
    }

    /// The decimal numbers in `line`, in order.
    static func numbers(in line: String) -> [Double] {
        var result: [Double] = []
        var current = ""
        for character in line + " " {
            if character.isNumber || (character == "." && !current.isEmpty) {
                current.append(character)
            } else {
                if let value = Double(current) { result.append(value) }
                current = ""
            }
        }
        return result
    }
}
