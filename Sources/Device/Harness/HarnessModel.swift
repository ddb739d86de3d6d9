import Foundation
import Support

/// One model as the harness needs it: its manifest and `.tflite`, the micro_wake_word id it gets, and the
/// hash by which the device proves it runs exactly these bytes (`MODEL hash=`, docs/device-protocol.md).
public struct HarnessModel: Equatable, Sendable {
    public var manifest: URL
    public var tflite: URL
    public var wakeWord: String
    /// A micro_wake_word id: the manifest's file name in lower case, other characters made `_`.
    public var id: String
    public var hash: String

    /// Reads the manifest's `wake_word` and `model` (a path relative to the manifest) and hashes the model.
    public init(manifest: URL) throws {
        self.manifest = manifest.standardizedFileURL
        guard let data = FileManager.default.contents(atPath: manifest.path) else {
            throw Failure("cannot read \(manifest.path)")
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: [UInt8](data)) } catch {
            throw Failure("\(manifest.path) is not a manifest: \(error.message)")
        }
        guard let model = json["model"]?.stringValue, let wakeWord = json["wake_word"]?.stringValue else {
            throw Failure("\(manifest.path) is not a micro_wake_word manifest (no `model` or `wake_word`)",
                          hint: "give the .json manifest that `wakesmith export` wrote")
        }
        if wakeWord == "vad" {
            throw Failure("\(manifest.lastPathComponent) is a VAD model; the harness does not report VAD models yet")
        }
        tflite = manifest.deletingLastPathComponent().appendingPathComponent(model).standardizedFileURL
        guard let bytes = FileManager.default.contents(atPath: tflite.path) else {
            throw Failure("cannot read the model \(tflite.path) named by \(manifest.lastPathComponent)")
        }
        self.wakeWord = wakeWord
        hash = Self.hash(of: [UInt8](bytes))
        id = Self.identifier(for: manifest.deletingPathExtension().lastPathComponent)
    }

    /// The first 16 hex digits of the BLAKE2b-512 digest.
    public static func hash(of bytes: [UInt8]) -> String {
        BLAKE2b.hash(bytes, digestLength: 64).prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    static func identifier(for name: String) -> String {
        var id = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if id.first?.isLetter != true { id = "model_" + id }
        return id
    }
}
