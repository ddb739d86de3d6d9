import AudioIO

/// One audio file of the dataset as the scan sees it: its header, content hash and split, without its
/// samples. `relativePath` (relative to the dataset folder, `/`-separated) is what splits and the cache are
/// keyed by, so moving the dataset folder keeps every file in its split.
public struct SampleRecord: Equatable, Sendable {
    /// Absolute path.
    public let path: String
    public let relativePath: String
    public let kind: SampleKind
    /// The header, or nil when it could not be read (`readError` says why).
    public let info: AudioFileInfo?
    /// BLAKE2b-128 of the file's bytes (empty when the file could not be read at all).
    public let contentHash: String
    public internal(set) var split: Split?
    /// Why the header could not be read (corrupt, not audio, unreadable), or nil.
    public let readError: String?

    public init(path: String, relativePath: String, kind: SampleKind, info: AudioFileInfo?, contentHash: String,
                split: Split? = nil, readError: String? = nil)
    {
        self.path = path
        self.relativePath = relativePath
        self.kind = kind
        self.info = info
        self.contentHash = contentHash
        self.split = split
        self.readError = readError
    }

    public var isReadable: Bool { info != nil && readError == nil }
    public var frames: Int { info?.frames ?? 0 }
    public var sampleRate: Int { info?.sampleRate ?? 0 }
    public var channels: Int { info?.channels ?? 0 }
    public var durationSeconds: Double { info?.durationSeconds ?? 0 }

    /// 16 kHz, 16-bit PCM, mono: the samples can be used as they are, without a converted copy.
    public var isDeviceFormat: Bool { info?.isDeviceFormat ?? false }

    /// The sample encoding under the names Python's soundfile uses (`PCM_16`, `PCM_24`, `FLOAT`), as the
    /// messages of both implementations show it.
    public var sampleFormat: String {
        guard let encoding = info?.encoding else { return "unreadable" }
        switch encoding {
        case .pcm8: return "PCM_8"
        case .pcm16: return "PCM_16"
        case .pcm24: return "PCM_24"
        case .pcm32: return "PCM_32"
        case .float32: return "FLOAT"
        case .float64: return "DOUBLE"
        case let .other(name): return name
        }
    }
}
