// Fixtures: scripts/fixtures/make_model_fixtures.py (tflite-micro's outputs on a generated feature sequence).
import Foundation
import Support
import Testing
import TestSupport
import TFLiteFormat
@testable import Emulator

/// Every official model gives tflite-micro's outputs, inference for inference.
@Suite struct ReferenceModelTests {
    static let models = ["okay_nabu", "hey_jarvis", "alexa"]

    static func model(_ name: String) throws -> TFLiteModel {
        let url = try #require(Repository.referenceModels).appendingPathComponent("\(name).tflite")
        return try TFLiteModel(bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// The emulator's outputs on `inferences` strides of the generated sequence for `seed`.
    static func emulate(_ interpreter: Interpreter, seed: UInt32, inferences: Int) throws -> [UInt8] {
        let stride = interpreter.inputs[0].shape[1]
        var sequence = FeatureSequence(seed: seed, channels: interpreter.inputs[0].shape[2])
        var outputs: [UInt8] = []
        outputs.reserveCapacity(inferences)
        for _ in 0 ..< inferences {
            let block = (0 ..< stride).flatMap { _ in sequence.nextFrame() }
            try interpreter.setInput(0, int8: block)
            interpreter.invoke()
            outputs.append(interpreter.outputByte(0))
        }
        return outputs
    }

    @Test(.enabled(if: Repository.referenceModels != nil), arguments: models)
    func outputsEqualTFLiteMicro(name: String) throws {
        let json = try JSONValue(parsing: [UInt8](try Data(contentsOf: Repository.fixture("EmulatorTests", "models/\(name).json"))))
        let expected = try #require(json["outputs"]?.arrayValue).compactMap { $0.integerValue.map(UInt8.init) }
        let seed = UInt32(try #require(json["seed"]?.integerValue))
        let interpreter = try Interpreter(model: try Self.model(name))
        let outputs = try Self.emulate(interpreter, seed: seed, inferences: expected.count)
        let first = zip(outputs, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(outputs == expected, "first difference at inference \(first?.offset ?? -1)")
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func stateCarriesOverUntilReset() throws {
        let interpreter = try Interpreter(model: try Self.model("okay_nabu"))
        func silence(_ count: Int) throws -> [UInt8] {
            try (0 ..< count).map { _ in
                try interpreter.setInput(0, int8: [Int8](repeating: -128, count: 120))
                interpreter.invoke()
                return interpreter.outputByte(0)
            }
        }
        let fresh = try silence(10)
        #expect(fresh == [11, 9, 4, 2, 0, 0, 0, 0, 0, 0]) // shared/notes/tflite_tflm.md §4
        #expect(try silence(4) == [0, 0, 0, 0]) // the streaming state now holds silence
        interpreter.reset()
        #expect(try silence(10) == fresh)
    }
}
