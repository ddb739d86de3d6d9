import AudioIO
import Dataset

/// One dataset file the feature stage reads: where it is, what it is for, and the hash that tells whether
/// it changed. The data stage's scan makes these; tests and the benchmark make their own.
public struct SourceFile: Sendable, Hashable {
    /// A readable 16 kHz 16-bit mono file (the original, or the data stage's converted copy).
    public var path: String
    /// The path relative to the dataset folder: the file's identity (its clip seeds derive from it).
    public var relativePath: String
    public var kind: SampleKind
    public var split: Split
    /// Changes whenever the audio changes.
    public var contentHash: String
    public var durationSeconds: Double

    public init(path: String, relativePath: String, kind: SampleKind, split: Split, contentHash: String, durationSeconds: Double) {
        self.path = path
        self.relativePath = relativePath
        self.kind = kind
        self.split = split
        self.contentHash = contentHash
        self.durationSeconds = durationSeconds
    }

    /// The store split a dataset split feeds (train → training, validation → validation, test → testing).
    public var storeSplit: String {
        switch split {
        case .train: "training"
        case .validation: "validation"
        case .test: "testing"
        }
    }

    /// The file's samples.
    public func readSamples() throws(AudioError) -> [Int16] {
        try AudioFile.readDeviceSamples(path: path)
    }
}
