import ESPHome
import Emulator
import Foundation
import TFLiteFormat

/// The model a V2 manifest names, read for evaluation: the manifest, the .tflite beside it, and the facts the
/// report shows about the file (arena, operators).
struct ExportedModel {
    let manifest: Manifest
    let modelPath: String
    let model: TFLiteModel
    let modelBytes: Int

    init(manifestPath: String) throws(EvaluationError) {
        let url = URL(fileURLWithPath: manifestPath)
        guard FileManager.default.fileExists(atPath: manifestPath) else { throw .manifestMissing(manifestPath) }
        switch ManifestReader.read(contentsOf: url) {
        case let .failure(error): throw .manifestUnreadable(error.message)
        case .success(.v1): throw .legacyManifest(manifestPath)
        case let .success(.v2(manifest)): self.manifest = manifest
        }
        modelPath = url.deletingLastPathComponent().appendingPathComponent(manifest.model).standardizedFileURL.path
        guard let bytes = FileManager.default.contents(atPath: modelPath) else { throw .modelMissing(modelPath, manifest: manifestPath) }
        do {
            model = try TFLiteModel(bytes: [UInt8](bytes))
        } catch {
            throw .modelNotRunnable("\(modelPath): \(error)")
        }
        modelBytes = bytes.count
    }

    /// Size, the arena in the manifest beside the predicted minimums, and the operators with ESPHome's support.
    func facts() -> ModelFacts {
        var arena = [ModelFacts.ArenaFigure(label: "manifest tensor_arena_size", bytes: manifest.micro.tensorArenaSize)]
        for target in ArenaTarget.allCases {
            if let prediction = try? ArenaPrediction(model: model, target: target) {
                arena.append(.init(label: "predicted minimum, \(target.displayName)", bytes: prediction.minimumBytes))
            }
        }
        var counts: [BuiltinOperator: Int] = [:]
        for subgraph in model.subgraphs {
            for op in subgraph.operators {
                if let builtin = model.builtinOperator(of: op) { counts[builtin, default: 0] += 1 }
            }
        }
        let operators = counts.keys.sorted().map { op in
            ModelFacts.Operator(name: op.description, count: counts[op] ?? 0, supported: OperatorSet.twenty.contains(op.description))
        }
        return ModelFacts(file: (modelPath as NSString).lastPathComponent, bytes: modelBytes, arena: arena, operators: operators,
                          notes: ["minimum ESPHome version in the manifest: \(manifest.micro.minimumESPHomeVersion)"])
    }
}
