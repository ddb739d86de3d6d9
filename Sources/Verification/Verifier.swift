import Foundation
import Emulator
import ESPHome
import TFLiteFormat

/// `wakesmith verify`, rebuilt on the emulator: will a manifest (or bare .tflite) load on an ESPHome
/// release? Each step is a named check; bad files never throw, they become failed checks.
public struct Verifier: Sendable {
    public var release: ESPHomeVersion
    /// Inferences of the determinism run.
    public var inferences: Int

    public init(release: ESPHomeVersion = ReleaseTable.defaultRelease, inferences: Int = 50) {
        self.release = release
        self.inferences = inferences
    }

    /// Verifies every path, then (for several) whether they fit on one device together.
    public func verify(_ paths: [String]) -> VerificationResult {
        var result = VerificationResult(release: release, models: paths.map(verify(path:)))
        if paths.count > 1 { result.group = GroupChecks.check(result.models) }
        return result
    }

    /// Verifies one manifest (.json, `model` relative to it) or bare .tflite.
    public func verify(path: String) -> ModelReport {
        let isModel = path.lowercased().hasSuffix(".tflite")
        var report = ModelReport(path: path, kind: isModel ? .tflite : .manifest)
        guard let behaviour = ReleaseTable.behaviour(of: release) else {
            report.add("ESPHome release", .fail, "ESPHome \(release) predates micro_wake_word (2024.2.0)")
            return report
        }
        if isModel {
            report.modelPath = path
        } else {
            ManifestChecks.check(&report, release: release, behaviour: behaviour)
        }
        guard let modelPath = report.modelPath else { return report }
        guard let data = FileManager.default.contents(atPath: modelPath) else {
            let exists = FileManager.default.fileExists(atPath: modelPath)
            report.add("model file", .fail, exists ? "\(modelPath) cannot be read"
                : "\(modelPath) not found: the manifest's model file is missing (esphome config crashes on it)")
            return report
        }
        let bytes = [UInt8](data)
        let model: TFLiteModel
        do {
            model = try TFLiteModel(bytes: bytes)
        } catch {
            report.add("flatbuffer", .fail, error.message)
            return report
        }
        ModelChecks.check(&report, model: model, bytes: bytes, release: release, behaviour: behaviour)
        guard let interpreter = ModelChecks.prepare(&report, model: model) else { return report }
        ArenaChecks.check(&report, model: model, behaviour: behaviour)
        InferenceCheck.check(&report, interpreter: interpreter, inferences: inferences)
        return report
    }
}
