// Fixtures: scripts/fixtures/make_kernel_fixtures.py (single-operator models run in tflite-micro).
import Foundation
import Support
import Testing
import TestSupport
import TFLiteFormat
@testable import Emulator

/// One single-operator model and tflite-micro's outputs on random inputs.
struct KernelCase {
    let model: [UInt8]
    /// The smallest arena tflite-micro accepted (bisection), when the fixture holds it.
    let host64Arena: Int?
    let invocations: [(inputs: [[UInt8]], outputs: [[UInt8]])]

    static func load(_ url: URL) throws -> (op: String, cases: [KernelCase]) {
        let json = try JSONValue(parsing: [UInt8](try Data(contentsOf: url)))
        func bytes(_ value: JSONValue?) throws -> [UInt8] {
            let text = try #require(value?.stringValue)
            let data = try #require(Data(base64Encoded: text))
            return [UInt8](data)
        }
        let cases = try (json["cases"]?.arrayValue ?? []).map { item in
            KernelCase(model: try bytes(item["model"]), host64Arena: item["host64_arena"]?.integerValue, invocations: try (item["invocations"]?.arrayValue ?? []).map { call in
                (try (call["inputs"]?.arrayValue ?? []).map { try bytes($0) }, try (call["outputs"]?.arrayValue ?? []).map { try bytes($0) })
            })
        }
        return (json["op"]?.stringValue ?? "?", cases)
    }

    /// Runs every invocation through the emulator; returns the mismatching ones as messages.
    func mismatches() throws -> [String] {
        let interpreter = try Interpreter(model: try TFLiteModel(bytes: model))
        var problems: [String] = []
        for (call, invocation) in invocations.enumerated() {
            for (index, input) in invocation.inputs.enumerated() {
                try input.withUnsafeBytes { try interpreter.setInput(index, bytes: $0) }
            }
            interpreter.invoke()
            for (index, expected) in invocation.outputs.enumerated() where interpreter.output(index) != expected {
                let got = interpreter.output(index)
                let differing = zip(got, expected).filter { $0 != $1 }.count
                problems.append("invocation \(call) output \(index): \(differing) of \(expected.count) bytes differ (first: \(got.prefix(8)) vs \(expected.prefix(8)))")
            }
        }
        // The arena: never below what tflite-micro needs, and within 3 % (it is exact unless a kernel's
        // persistent buffers would grow over its live temporaries, which the prediction counts as failing).
        if let host64Arena {
            let predicted = try ArenaPrediction(model: try TFLiteModel(bytes: model), target: .host64).minimumBytes
            if predicted < host64Arena || Double(predicted) > Double(host64Arena) * 1.03 {
                problems.append("arena predicted \(predicted), tflite-micro needs \(host64Arena)")
            }
        }
        return problems
    }
}

@Suite struct KernelFixtureTests {
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["WAKESMITH_KERNEL_FIXTURES"] { return URL(fileURLWithPath: path) }
        return Repository.fixture("EmulatorTests", "kernels")
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test(arguments: files)
    func kernelMatchesTFLiteMicro(file: String) throws {
        let (op, cases) = try KernelCase.load(Self.folder.appendingPathComponent(file))
        #expect(!cases.isEmpty, "\(file) holds no cases")
        for (index, kernelCase) in cases.enumerated() {
            let problems = try kernelCase.mismatches()
            #expect(problems.isEmpty, "\(op) case \(index): \(problems.joined(separator: "; "))")
        }
    }

    @Test func everyOperatorOfTheListHasFixtures() {
        let covered = Set(Self.files.map { $0.replacingOccurrences(of: ".json", with: "").uppercased() })
        let dataOnly: Set<String> = ["CALL_ONCE", "VAR_HANDLE", "READ_VARIABLE", "ASSIGN_VARIABLE"] // exercised by the official models
        let expected = Set(KernelRegistry.kernels.keys.map(\.description)).subtracting(dataOnly)
        #expect(expected.subtracting(covered).isEmpty, "no fixtures for \(expected.subtracting(covered).sorted())")
    }
}
