import Config
import Dataset
import Foundation
import Support

/// The demo's folder: `config.yaml` from the fast_test preset with the wake phrase and a matching model name,
/// and the dataset folders. An existing `config.yaml` is kept (a demo run again continues where it stopped).
public struct DemoProject: Sendable {
    public static let preset = "fast_test"

    public let folder: String
    public var configPath: String { folder + "/config.yaml" }
    public var datasetPath: String { folder + "/dataset" }

    public init(folder: String) {
        self.folder = folder
    }

    /// Writes `config.yaml` unless it exists; returns whether it wrote it.
    @discardableResult
    public func prepare(wakePhrase: String) throws -> Bool {
        for kind in SampleKind.allCases {
            let path = datasetPath + "/" + kind.rawValue
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FileError(path: path, operation: "create the folder", reason: error.localizedDescription)
            }
        }
        guard !FileManager.default.fileExists(atPath: configPath) else { return false }
        let text = try Self.configText(preset: try Presets.text(of: Self.preset), wakePhrase: wakePhrase)
        try AtomicFile.write(text, to: configPath)
        return true
    }

    /// The preset's text with `wake_word.phrase` and `export.model_name` set (comments and layout kept).
    static func configText(preset: String, wakePhrase: String) throws(Failure) -> String {
        var lines = preset.components(separatedBy: "\n")
        var replaced: Set<String> = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            let indent = String(line.prefix(line.count - trimmed.count))
            for (key, value) in [("phrase:", wakePhrase), ("model_name:", modelName(for: wakePhrase))]
                where trimmed.hasPrefix(key) && !replaced.contains(key)
            {
                lines[index] = "\(indent)\(key) \(value)"
                replaced.insert(key)
            }
        }
        guard replaced.count == 2 else {
            throw Failure("the \(Self.preset) preset has no wake_word.phrase or export.model_name line",
                          hint: "this is a bug in wakesmith's presets; please report it")
        }
        return lines.joined(separator: "\n")
    }

    /// "hey jarvis" → "hey_jarvis": lower-case letters and digits joined by underscores.
    public static func modelName(for phrase: String) -> String {
        let words = phrase.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "wake_word" : words.joined(separator: "_")
    }
}
