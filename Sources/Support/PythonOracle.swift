import Foundation

/// The Python interpreter with the test oracles (pymicro-features, tflite-micro, …) for the benchmarks'
/// side-by-side figures; never the product. Found through `$WAKESMITH_PYTHON`, else `./.venv/bin/python`,
/// else the `.venv` of the checkout the executable was built in. The one place that finds and runs it.
public enum PythonOracle {
    public struct OracleError: Error, Sendable {
        public let reason: String

        public init(reason: String) {
            self.reason = reason
        }
    }

    public static var python: String? {
        let environment = ProcessInfo.processInfo.environment
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").standardizedFileURL
        // .build/release/wakesmith → the checkout's .venv.
        let checkout = executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [environment["WAKESMITH_PYTHON"], FileManager.default.currentDirectoryPath + "/.venv/bin/python",
                          checkout.appendingPathComponent(".venv/bin/python").path]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the oracle Python with `arguments`; the numbers of its last output line (`expecting` of them).
    public static func run(_ arguments: [String], expecting count: Int?, what: String) -> Result<[Double], OracleError> {
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
