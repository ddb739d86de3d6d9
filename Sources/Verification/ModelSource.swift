import Foundation
import ESPHome
import Support
import TFLiteFormat

/// A model named on the command line: a manifest (.json, its `model` relative to it) or a bare .tflite.
public struct ModelSource: Sendable {
    public let path: String
    public let modelPath: String
    public let model: TFLiteModel
    /// The manifest's settings (a V1 manifest as ESPHome 2024.7+ converts it), nil for a bare .tflite.
    public let manifest: Manifest?

    /// Reads `path`; a broken manifest or model is a user-facing error naming what to fix.
    public init(path: String) throws(ModelSourceError) {
        self.path = path
        if path.lowercased().hasSuffix(".json") {
            switch ManifestReader.read(contentsOf: URL(fileURLWithPath: path)) {
            case let .failure(error): throw .manifest(error)
            case let .success(manifest):
                self.manifest = manifest.effective
                let url = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(manifest.model)
                modelPath = url.standardizedFileURL.path
            }
        } else {
            manifest = nil
            modelPath = path
        }
        do {
            model = try TFLiteModel(contentsOf: URL(fileURLWithPath: modelPath))
        } catch {
            throw .model(error)
        }
    }
}

public enum ModelSourceError: UserFacingError, Equatable {
    case manifest(ManifestError)
    case model(TFLiteModelFileError)

    public var message: String {
        switch self {
        case let .manifest(error): error.message
        case let .model(error): error.description
        }
    }

    public var hint: String? {
        switch self {
        case let .manifest(error): error.hint
        case .model: "give a manifest (.json) or a .tflite model file; `wakesmith verify` says what is wrong with it"
        }
    }
}
