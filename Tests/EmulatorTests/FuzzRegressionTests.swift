// Fixtures: inputs scripts/fuzz/run-tflite-fuzzer.sh once found to crash or stall the emulator.
import Foundation
import Testing
import TestSupport
import TFLiteFormat
@testable import Emulator

/// What the fuzzer once broke stays fixed: every saved input goes through the fuzzer's path (reader,
/// preparation, one invocation, arena prediction) without trapping.
@Suite struct FuzzRegressionTests {
    static let inputs: [String] = {
        let folder = Repository.fixture("EmulatorTests", "fuzz")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".tflite") }.sorted()
    }()

    @Test(arguments: inputs)
    func savedInputDoesNotTrap(name: String) throws {
        let bytes = [UInt8](try Data(contentsOf: Repository.fixture("EmulatorTests", "fuzz/\(name)")))
        guard let model = try? TFLiteModel(bytes: bytes) else { return }
        if let interpreter = try? Interpreter(model: model) {
            for index in interpreter.inputs.indices {
                try interpreter.setInput(index, int8: [Int8](repeating: 0, count: interpreter.inputs[index].byteCount))
            }
            interpreter.invoke()
        }
        _ = try? ArenaPrediction(model: model, target: .host64)
        _ = try? ArenaPrediction(model: model, target: .esp32s3)
    }

    /// The fuzzer itself, for a minute (slow: `WAKESMITH_SLOW_TESTS=1`; the 10-minute run is in the README).
    @Test(.enabled(if: slowTestsEnabled))
    func fuzzerRunsWithoutACrash() throws {
        let script = Repository.root.appendingPathComponent("scripts/fuzz/run-tflite-fuzzer.sh").path
        let result = try runProcess("/bin/bash", [script, "60"], currentDirectory: Repository.root)
        let last = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(result.status == 0 && last.hasSuffix("no crash"), "\(last)\n\(result.standardError.suffix(2000))")
    }
}
