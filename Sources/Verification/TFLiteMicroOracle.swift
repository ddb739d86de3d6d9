import Foundation

/// The tflite-micro Python interpreter (a test oracle, never the product) measured on a model, for
/// `bench emulate`'s side-by-side figure. Found through `$WAKESMITH_PYTHON`, else `./.venv/bin/python`.
public enum TFLiteMicroOracle {
    public static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["WAKESMITH_PYTHON"], FileManager.default.currentDirectoryPath + "/.venv/bin/python"]
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
        // .build/release/wakesmith → the checkout's .venv.
        candidates.append(executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".venv/bin/python").path)
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Inferences per second (wall clock, CPU time) of tflite-micro's interpreter on `modelPath`, or the
    /// reason it could not be measured.
    public static func inferenceRate(modelPath: String, inferences: Int) -> Result<(wall: Double, cpu: Double), OracleError> {
        guard let python else { return .failure(OracleError(reason: "no Python with tflite-micro (.venv/bin/python or $WAKESMITH_PYTHON)")) }
        let script = """
        import sys, time, os
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import numpy as np
        from tflite_micro.python.tflite_micro import runtime
        data = open(sys.argv[1], "rb").read()
        n = int(sys.argv[2])
        it = runtime.Interpreter.from_bytes(data, arena_size=262144)
        shape = tuple(it.get_input_details(0)["shape"])
        rng = np.random.default_rng(1)
        blocks = [rng.integers(-128, 128, size=shape, dtype=np.int8) for _ in range(64)]
        for i in range(100):
            it.set_input(blocks[i % 64], 0); it.invoke(); it.get_output(0)
        w, c = time.perf_counter(), time.process_time()
        for i in range(n):
            it.set_input(blocks[i % 64], 0); it.invoke(); it.get_output(0)
        print(n / (time.perf_counter() - w), n / (time.process_time() - c))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, modelPath, String(inferences)]
        let pipe = Pipe(), errors = Pipe()
        process.standardOutput = pipe
        process.standardError = errors
        do {
            try process.run()
        } catch {
            return .failure(OracleError(reason: "cannot run \(python): \(error.localizedDescription)"))
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = output.split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
        guard process.terminationStatus == 0, numbers.count == 2 else {
            let line = errorText.split(separator: "\n").last.map(String.init) ?? "exit status \(process.terminationStatus)"
            return .failure(OracleError(reason: "tflite-micro did not run: \(line)"))
        }
        return .success((numbers[0], numbers[1]))
    }

    public struct OracleError: Error, Sendable {
        public let reason: String
    }
}
