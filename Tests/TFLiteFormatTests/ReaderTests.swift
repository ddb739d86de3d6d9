import Foundation
import Support
import Testing
import TestSupport
@testable import TFLiteFormat

/// The official models read back with the structure `shared/notes/tflite_tflm.md` §2 describes.
@Suite struct ReferenceModelReadingTests {
    static let models = ["okay_nabu", "hey_jarvis", "alexa"]

    static func bytes(_ name: String) throws -> [UInt8] {
        let url = try #require(Repository.referenceModels).appendingPathComponent("\(name).tflite")
        return [UInt8](try Data(contentsOf: url))
    }

    @Test(.enabled(if: Repository.referenceModels != nil), arguments: models)
    func readsTheOfficialModels(name: String) throws {
        let bytes = try Self.bytes(name)
        let model = try TFLiteModel(bytes: bytes)
        #expect(model.version == 3)
        #expect(TFLiteModel.fileIdentifier(of: bytes) == "TFL3")
        #expect(model.subgraphs.count == 2)
        let main = model.subgraphs[0]
        let input = main.tensors[Int(main.inputs[0])]
        #expect(input.shape == [1, 3, 40])
        #expect(input.type == .int8)
        #expect(input.quantization?.zeroPoint == [-128])
        #expect(abs((input.quantization?.scale?.first ?? 0) - 26.0 / 255.0) < 1e-6)
        let output = main.tensors[Int(main.outputs[0])]
        #expect(output.shape == [1, 1])
        #expect(output.type == .uint8)
        #expect(output.quantization?.scale == [1.0 / 256.0])
        #expect(model.operatorCodes.first?.builtinOperator == .callOnce || model.usedOperators.contains(.callOnce))
        // Every operator's tensors exist.
        for subgraph in model.subgraphs {
            for op in subgraph.operators {
                for index in op.inputs + op.outputs where index >= 0 {
                    #expect(Int(index) < subgraph.tensors.count)
                }
            }
        }
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func okayNabuMatchesTheFactSheet() throws {
        let model = try TFLiteModel(bytes: try Self.bytes("okay_nabu"))
        #expect(model.buffers.count == 109)
        #expect(model.operatorCodes.count == 13)
        #expect(model.subgraphs[0].tensors.count == 94)
        #expect(model.subgraphs[0].operators.count == 55)
        #expect(model.subgraphs[1].operators.count == 12)
        #expect(model.description == "MLIR Converted.")
        #expect(model.usedOperators.map(\.description) == [
            "ASSIGN_VARIABLE", "CALL_ONCE", "CONCATENATION", "CONV_2D", "DEPTHWISE_CONV_2D", "FULLY_CONNECTED",
            "LOGISTIC", "QUANTIZE", "READ_VARIABLE", "RESHAPE", "SPLIT_V", "STRIDED_SLICE", "VAR_HANDLE",
        ])
        guard case let .callOnce(options) = model.subgraphs[0].operators[0].options else {
            Issue.record("operator 0 is not CALL_ONCE with options")
            return
        }
        #expect(options.initSubgraphIndex == 1)
        let names = model.subgraphs[0].operators.compactMap { op -> String? in
            if case let .varHandle(options) = op.options { return options.sharedName }
            return nil
        }
        #expect(names.count == 6)
        #expect(names.first == "stream/states")
        let conv = model.subgraphs[0].operators.first { model.builtinOperator(of: $0) == .conv2D }
        guard case let .conv2D(convOptions)? = conv?.options else {
            Issue.record("no CONV_2D options")
            return
        }
        #expect(convOptions.strideH == 3 && convOptions.strideW == 1)
        #expect(convOptions.padding == .valid && convOptions.activation == .relu)
    }
}

/// Malformed input is an error, never a trap.
@Suite struct HostileInputTests {
    @Test func emptyAndTinyInputsThrow() {
        for length in 0 ..< 12 {
            #expect(throws: TFLiteFormatError.self) { try TFLiteModel(bytes: [UInt8](repeating: 0xFF, count: length)) }
        }
    }

    @Test func rootOffsetOutsideTheFileThrows() {
        var bytes = [UInt8](repeating: 0, count: 16)
        bytes[0] = 0xF0
        bytes[1] = 0xFF
        #expect(throws: TFLiteFormatError.self) { try TFLiteModel(bytes: bytes) }
    }

    @Test func aVectorLongerThanTheFileThrows() {
        // root → table at 8 with vtable at 20 declaring field 1 (operator_codes) at table offset 4.
        var bytes: [UInt8] = [8, 0, 0, 0, 0x54, 0x46, 0x4C, 0x33]
        bytes += [0xF4, 0xFF, 0xFF, 0xFF] // table at 8: soffset −12 → vtable at 20
        bytes += [8, 0, 0, 0] // field 1: uoffset 8 → vector at 20
        bytes += [0, 0, 0, 0]
        bytes += [8, 0, 8, 0, 0, 0, 4, 0] // vtable at 20: 8 bytes, table 8 bytes, field0 absent, field1 at +4
        bytes[12] = 12 // operator_codes vector at 24 (inside the vtable): its count is 0x0004_0000 elements
        #expect(throws: TFLiteFormatError.self) { try TFLiteModel(bytes: bytes) }
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func everyTruncationOfAnOfficialModelThrows() throws {
        let bytes = try ReferenceModelReadingTests.bytes("hey_jarvis")
        var generator = SeededGenerator(seed: 13)
        let lengths = (0 ..< 400).map { _ in Int.random(in: 0 ..< bytes.count, using: &generator) }
        for length in lengths + Array(0 ..< 64) {
            do {
                _ = try TFLiteModel(bytes: Array(bytes.prefix(length)))
                // Some prefixes can parse only if everything the root reaches lies before the cut.
                #expect(length > bytes.count / 2, "a \(length)-byte prefix parsed")
            } catch {}
        }
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func randomCorruptionNeverTraps() throws {
        let original = try ReferenceModelReadingTests.bytes("okay_nabu")
        var generator = SeededGenerator(seed: 7)
        var parsed = 0, rejected = 0
        for _ in 0 ..< 300 {
            var bytes = original
            for _ in 0 ..< Int.random(in: 1 ... 8, using: &generator) {
                let at = Int.random(in: 0 ..< bytes.count, using: &generator)
                bytes[at] = UInt8.random(in: 0 ... 255, using: &generator)
            }
            do {
                _ = try TFLiteModel(bytes: bytes)
                parsed += 1
            } catch {
                rejected += 1
            }
        }
        #expect(parsed + rejected == 300)
    }

    @Test func errorsSayWhatIsWrongInOneLine() {
        do {
            _ = try TFLiteModel(bytes: [8, 0, 0, 0, 0x54, 0x46, 0x4C, 0x33])
            Issue.record("an 8-byte file parsed")
        } catch {
            #expect(!error.message.contains("\n"))
            #expect(error.message.contains("model file"))
        }
    }
}
