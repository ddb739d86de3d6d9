// Oracles: scripts/fixtures/compare_tflite_structure.py (TensorFlow's generated schema reader) and
// scripts/fixtures/make_model_fixtures.py (tflite-micro) with the committed outputs in
// Tests/EmulatorTests/Fixtures/models/, which that script made from the original files.
import Foundation
import Support
import Testing
import TestSupport
@testable import TFLiteFormat

/// The writer judged by independent readers: TensorFlow's schema code and tflite-micro.
@Suite struct WriterOracleTests {
    /// The vtable of the table the root offset points to: (vtable bytes, table bytes, field offsets).
    static func rootVTable(_ bytes: [UInt8]) -> [UInt16] {
        func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
        func i32(_ at: Int) -> Int32 { Int32(bitPattern: UInt32(u16(at)) | UInt32(u16(at + 2)) << 16) }
        let table = Int(i32(0))
        let vtable = table - Int(i32(table))
        return (0 ..< Int(u16(vtable)) / 2).map { u16(vtable + 2 * $0) }
    }

    @Test func tablesHaveTheOfficialVTables() {
        // shared/notes/tflite_tflm.md §1: an empty table has vtable [4, 4].
        var builder = FlatBufferBuilder()
        builder.startTable()
        let empty = builder.endTable()
        #expect(Self.rootVTable(builder.finish(root: empty, identifier: "TFL3")) == [4, 4])
        let bytes = ConverterMetadata.conversionMetadata(optimizationModes: [.postTrainingFullInteger])
        #expect(Self.rootVTable(bytes) == [8, 12, 4, 8])
    }

    @Test func constantDataIsSixteenByteAlignedInTheFile() throws {
        for length in [1, 3, 16, 17, 40] {
            let model = TFLiteModel(operatorCodes: [], subgraphs: [],
                                    buffers: [Buffer(), Buffer(data: [UInt8](repeating: 0xAB, count: length)), Buffer(data: [1, 2, 3])])
            let bytes = model.serialized()
            let reader = FlatBufferReader(bytes)
            let buffers = try #require(try reader.root().vector(4, elementSize: 4, "buffers"))
            for index in 1 ... 2 {
                let buffer = try reader.table(at: try reader.follow(buffers.position(index), "buffer"), "buffer")
                let data = try #require(try buffer.vector(0, elementSize: 1, "data"))
                #expect(data.start % 16 == 0, "buffer \(index) of \(length) bytes starts at \(data.start)")
            }
        }
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func converterMetadataReadsBack() throws {
        let bytes = ConverterMetadata.conversionMetadata(optimizationModes: [.postTrainingFullInteger])
        #expect(try ConverterMetadata.optimizationModes(in: bytes) == [1003])
        #expect(ConverterMetadata.minRuntimeVersion("2.6.0") == Array("2.6.0".utf8) + [UInt8](repeating: 0, count: 11))
        var model = TFLiteModel(operatorCodes: [], subgraphs: [], buffers: [Buffer()])
        model.appendMetadata(name: ConverterMetadata.conversionMetadataName, bytes: bytes)
        let reread = try TFLiteModel(bytes: model.serialized())
        #expect(reread.metadataBytes(named: ConverterMetadata.conversionMetadataName) == bytes)
        let official = try TFLiteModel(bytes: try ReferenceModelReadingTests.bytes("okay_nabu"))
        let conversion = try #require(official.metadataBytes(named: ConverterMetadata.conversionMetadataName))
        #expect(try ConverterMetadata.optimizationModes(in: conversion) == [1003])
        #expect(official.metadataBytes(named: ConverterMetadata.minRuntimeVersionName) == ConverterMetadata.minRuntimeVersion("2.6.0"))
    }

    /// The rewritten official models hold the same fields as the originals when TensorFlow's own schema
    /// code reads both, and give tflite-micro's outputs for the original files, inference for inference
    /// (1000 inferences on the emulator fixtures' feature sequence).
    @Test(.enabled(if: Repository.referenceModels != nil && oraclePython != nil))
    func rewrittenOfficialModelsMatchInTensorFlowAndTFLiteMicro() throws {
        let python = try #require(oraclePython)
        let references = try #require(Repository.referenceModels)
        let folder = TemporaryDirectory("rewritten-models")
        let models = folder.appending("models"), outputs = folder.appending("outputs")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        for name in ReferenceModelReadingTests.models {
            let model = try TFLiteModel(bytes: try ReferenceModelReadingTests.bytes(name))
            try Data(model.serialized()).write(to: models.appendingPathComponent("\(name).tflite"))
        }
        let compare = Repository.root.appendingPathComponent("scripts/fixtures/compare_tflite_structure.py").path
        let pairs = ReferenceModelReadingTests.models.flatMap { name in
            [references.appendingPathComponent("\(name).tflite").path, models.appendingPathComponent("\(name).tflite").path]
        }
        let same = try runProcess(python, [compare] + pairs, environment: ["TF_CPP_MIN_LOG_LEVEL": "3"])
        #expect(same.status == 0, "TensorFlow's schema reader sees differences: \(same.standardOutput.prefix(600)) \(same.standardError.suffix(300))")
        let script = Repository.root.appendingPathComponent("scripts/fixtures/make_model_fixtures.py").path
        let result = try runProcess(python, [script, "--models", models.path, "--out", outputs.path],
                                    environment: ["TF_CPP_MIN_LOG_LEVEL": "3"])
        try #require(result.status == 0, "tflite-micro failed: \(result.standardError.suffix(600))")
        for name in ReferenceModelReadingTests.models {
            let expected = try JSONValue(parsing: [UInt8](try Data(contentsOf: Repository.fixture("EmulatorTests", "models/\(name).json"))))
            let actual = try JSONValue(parsing: [UInt8](try Data(contentsOf: outputs.appendingPathComponent("\(name).json"))))
            let want = (expected["outputs"]?.arrayValue ?? []).compactMap(\.integerValue)
            let got = (actual["outputs"]?.arrayValue ?? []).compactMap(\.integerValue)
            #expect(want.count == 1000)
            #expect(got == want, "\(name): the rewritten model's outputs differ from the original's")
        }
    }
}
