import ESPHome
import Foundation
import Support
import Testing
import TestSupport
import TFLiteFormat
@testable import Verification

/// `verify` accepts the official models and rejects each kind of broken model with one line saying what
/// to fix (issue 13's list), and never crashes.
@Suite struct VerifierTests {
    static let names = ["okay_nabu", "hey_jarvis", "alexa"]

    /// A folder with a copy of an official manifest and model, edited by `edit`.
    static func project(_ name: String = "hey_jarvis", manifest edit: (String) -> String = { $0 },
                        model change: ((inout TFLiteModel) -> Void)? = nil) throws -> (TemporaryDirectory, String) {
        let folder = TemporaryDirectory("verify")
        let shared = try #require(Repository.referenceModels)
        let text = try String(contentsOf: shared.appendingPathComponent("\(name).json"), encoding: .utf8)
        try edit(text).write(to: folder.appending("\(name).json"), atomically: true, encoding: .utf8)
        var bytes = [UInt8](try Data(contentsOf: shared.appendingPathComponent("\(name).tflite")))
        if let change {
            var model = try TFLiteModel(bytes: bytes)
            change(&model)
            bytes = model.serialized()
        }
        try Data(bytes).write(to: folder.appending("\(name).tflite"))
        return (folder, folder.appending("\(name).json").path)
    }

    static func failures(_ report: ModelReport) -> [String] {
        report.checks.filter { $0.status == .fail }.map { "\($0.name): \($0.message)" }
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func acceptsTheOfficialModelsTogether() throws {
        let shared = try #require(Repository.referenceModels)
        let paths = Self.names.map { shared.appendingPathComponent("\($0).json").path }
        let result = Verifier(inferences: 10).verify(paths)
        for model in result.models { #expect(model.willLoad, "\(model.path): \(Self.failures(model))") }
        #expect(result.willLoad)
        #expect(result.group.contains { $0.name == "feature step" && $0.status == .pass })
        let okayNabu = try #require(result.models.first)
        #expect(okayNabu.arena[.host64]?.minimumBytes == 24512)
        #expect(okayNabu.requiredRelease == ESPHomeVersion(2024, 7, 0))
    }

    /// Each broken kind fails with exactly the expected check, on one line.
    @Test(.enabled(if: Repository.referenceModels != nil))
    func rejectsEachBrokenKindWithOneLine() throws {
        func expectFailure(_ project: (TemporaryDirectory, String), _ check: String, _ words: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let report = Verifier(inferences: 5).verify(path: project.1)
            #expect(!report.willLoad, sourceLocation: sourceLocation)
            let failure = report.checks.first { $0.status == .fail && $0.name == check }
            #expect(failure?.message.contains(words) == true, "got \(Self.failures(report))", sourceLocation: sourceLocation)
            #expect(failure.map { !$0.message.contains("\n") } ?? false, sourceLocation: sourceLocation)
        }
        expectFailure(try Self.project(model: { model in
            let input = Int(model.subgraphs[0].inputs[0]), output = Int(model.subgraphs[0].outputs[0])
            model.subgraphs[0].tensors[input].type = .float32
            model.subgraphs[0].tensors[output].type = .float32
        }), "input", "input 0 is float32")
        expectFailure(try Self.project(model: { model in
            let index = model.operatorCodes.firstIndex { $0.builtinOperator == .quantize }!
            model.operatorCodes[index] = OperatorCode(.dequantize)
        }), "operators", "op DEQUANTIZE is not registered by any ESPHome release")
        expectFailure(try Self.project(manifest: { $0.replacingOccurrences(of: "22860", with: "12000") }), "arena",
                      "tensor_arena_size 12000 is too small")
        expectFailure(try Self.project(manifest: { $0.replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 2, \"calibration\": 1,") }),
                      "manifest", "calibration: extra key")
        expectFailure(try Self.project(manifest: { $0.replacingOccurrences(of: "\"2024.7.0\"", with: "2024.7") }), "manifest",
                      "micro.minimum_esphome_version: must be a string")
        let missing = try Self.project()
        try FileManager.default.removeItem(at: missing.0.appending("hey_jarvis.tflite"))
        expectFailure(missing, "model file", "not found")
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func checksEachReleasesOperatorsAndManifests() throws {
        let (folder, path) = try Self.project("okay_nabu")
        _ = folder
        let old = Verifier(release: ESPHomeVersion(2024, 6, 0), inferences: 0).verify(path: path)
        #expect(Self.failures(old).contains { $0.contains("op SPLIT_V is not registered by ESPHome 2024.6.0") })
        #expect(Self.failures(old).contains { $0.contains("reads only version 1 manifests") })
        let tooNew = try Self.project(manifest: { $0.replacingOccurrences(of: "2024.7.0", with: "2026.9.0") })
        #expect(Self.failures(Verifier(inferences: 0).verify(path: tooNew.1)).contains { $0.contains("is newer than ESPHome 2026.6.0") })
    }

    @Test func neverCrashesOnGarbage() throws {
        let folder = TemporaryDirectory("garbage")
        var generator = SeededGenerator(seed: 3)
        for index in 0 ..< 20 {
            let bytes = (0 ..< Int.random(in: 0 ..< 3000, using: &generator)).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
            let path = folder.appending("g\(index).tflite").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let report = Verifier(inferences: 3).verify(path: path)
            #expect(!report.willLoad)
        }
        try Data("{\"version\": 2".utf8).write(to: folder.appending("m.json"))
        #expect(!Verifier().verify(path: folder.appending("m.json").path).willLoad)
    }
}
