// The tflite-micro comparison runs scripts/fixtures/tflm_stream.py (the oracle) in a child process.
import Foundation
import Support
import ESPHome
import Emulator
import Frontend
import Testing
import TestSupport
import TFLiteFormat
import Training
@testable import Export

/// The int8 model: loads in the emulator with the device's tensor contract, tracks the float model, and
/// runs identically in tflite-micro at the predicted arena.
@Suite struct Int8ConversionTests {
    struct Converted {
        let model: MixedNet
        let conversion: Int8Conversion
        let clips: [[UInt16]]
    }

    static func convert(_ name: String, clips count: Int = 4, frames: Int = 200) throws -> Converted {
        let architecture = try #require(TestModels.architectures.first { $0.name == name }).architecture
        let model = try TestModels.model(architecture, seed: 11)
        let representative = (0 ..< 6).map { TestModels.floats(TestModels.spectrogram(frames: 160, seed: 100 + UInt64($0))) }
        let conversion = try Int8Conversion(network: try FoldedMixedNet(model), representative: representative, maximumSteps: 500)
        let clips = (0 ..< count).map { TestModels.spectrogram(frames: frames + 11 * $0, seed: 200 + UInt64($0)) }
        return Converted(model: model, conversion: conversion, clips: clips)
    }

    /// The emulator's uint8 outputs per clip, fresh state per clip, inputs by the device's integer mapping.
    static func emulated(_ model: TFLiteModel, _ clips: [[UInt16]]) throws -> [[UInt8]] {
        let interpreter = try Interpreter(model: model)
        let stride = interpreter.inputs[0].shape[1]
        return try clips.map { clip in
            interpreter.reset()
            let frames = clip.count / 40
            return try (0 ..< frames / stride).map { step in
                let block = clip[step * stride * 40 ..< (step + 1) * stride * 40].map(FeatureScaling.deviceInt8(raw:))
                try interpreter.setInput(0, int8: block)
                interpreter.invoke()
                return interpreter.outputByte(0)
            }
        }
    }

    @Test(arguments: TestModels.architectures.map(\.name))
    func meetsTheDeviceContract(name: String) throws {
        let converted = try Self.convert(name, clips: 1)
        let model = try TFLiteModel(bytes: converted.conversion.model.serialized())
        #expect(model.version == DeviceLimits.schemaVersion)
        let interpreter = try Interpreter(model: model)
        let stride = converted.model.architecture.stride
        #expect(interpreter.inputs[0].type == .int8 && interpreter.inputs[0].shape == [1, stride, 40])
        #expect(interpreter.inputs[0].scale == 26.0 / 255.0 && interpreter.inputs[0].zeroPoint == -128)
        #expect(interpreter.outputs[0].type == .uint8 && interpreter.outputs[0].shape == [1, 1])
        #expect(interpreter.outputs[0].scale == 1.0 / 256.0 && interpreter.outputs[0].zeroPoint == 0)
        #expect(interpreter.resourceVariableCount == converted.model.architecture.streamingStateCount)
        let ops = model.usedOperators.map(\.description)
        #expect(ops.allSatisfy(OperatorSet.twenty.contains), "\(ops)")
        if interpreter.resourceVariableCount > 0 {
            #expect(model.subgraphs.count == 2 && model.builtinOperator(of: model.subgraphs[0].operators[0]) == .callOnce)
        }
    }

    @Test(arguments: TestModels.architectures.map(\.name))
    func tracksTheFloatModel(name: String) throws {
        let converted = try Self.convert(name)
        let outputs = try Self.emulated(converted.conversion.model, converted.clips)
        var total: Double = 0, count = 0, worst: Double = 0
        for (clip, quantized) in zip(converted.clips, outputs) {
            let reference = TestModels.causalProbabilities(converted.model, TestModels.floats(clip.map { min($0, 665) }))
            #expect(reference.count == quantized.count)
            for (p, q) in zip(reference, quantized) {
                let difference = abs(Double(p) - Double(q) / 255)
                total += difference
                worst = max(worst, difference)
                count += 1
            }
        }
        // Random He/Glorot weights with random batch-norm statistics make activations of ±200 and outputs
        // that jump between 0 and 1 (about 0.03 mean on the okay_nabu shape); trained models are measured
        // by the export's agreement report.
        let mean = total / Double(count)
        #expect(mean < 0.05, "\(name): mean |Δp| \(mean), largest \(worst)")
    }

    /// tflite-micro, given exactly the arena the emulator predicts for it, loads every shape and gives the
    /// emulator's outputs byte for byte; one byte less and it refuses.
    @Test(.enabled(if: oraclePython != nil), arguments: TestModels.architectures.map(\.name))
    func tfliteMicroAgreesAtThePredictedArena(name: String) throws {
        let converted = try Self.convert(name, clips: 3, frames: 300)
        let expected = try Self.emulated(converted.conversion.model, converted.clips)
        let bytes = converted.conversion.model.serialized()
        let arena = try ArenaPrediction(model: try TFLiteModel(bytes: bytes), target: .host64).minimumBytes
        let oracle = try TFLiteMicroStream.run(bytes, clips: converted.clips, arena: arena)
        #expect(oracle == expected.map { $0.map(Int.init) }, "\(name): tflite-micro differs from the emulator")
        #expect(expected.joined().contains { $0 != expected[0].first }, "\(name): constant outputs prove little")
        #expect(throws: (any Error).self, "\(name): tflite-micro loads in \(arena - 1) bytes") {
            try TFLiteMicroStream.run(bytes, clips: [converted.clips[0]], arena: arena - 1)
        }
    }
}

/// scripts/fixtures/tflm_stream.py: a model's uint8 outputs in tflite-micro, per clip from fresh state.
enum TFLiteMicroStream {
    struct Refused: Error, CustomStringConvertible { let description: String }

    static func run(_ model: [UInt8], clips: [[UInt16]], arena: Int) throws -> [[Int]] {
        let python = try #require(oraclePython)
        let folder = TemporaryDirectory("tflm-stream")
        let modelPath = folder.appending("model.tflite"), featuresPath = folder.appending("features.int8")
        let clipsPath = folder.appending("clips.json")
        try Data(model).write(to: modelPath)
        try Data(clips.joined().map { UInt8(bitPattern: FeatureScaling.deviceInt8(raw: $0)) }).write(to: featuresPath)
        try Data("[\(clips.map { String($0.count / 40) }.joined(separator: ","))]".utf8).write(to: clipsPath)
        let script = Repository.root.appendingPathComponent("scripts/fixtures/tflm_stream.py").path
        let result = try runProcess(python, [script, modelPath.path, featuresPath.path, clipsPath.path, "--arena", String(arena)],
                                    environment: ["TF_CPP_MIN_LOG_LEVEL": "3"])
        guard result.status == 0 else { throw Refused(description: "status \(result.status): \(result.standardError.suffix(400))") }
        let json = try JSONValue(parsing: result.standardOutput)
        return (json["outputs"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.integerValue) }
    }
}
