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
    public let info: AudioHeader?
    /// BLAKE2b-128 of the file's bytes (empty when the file could not be read at all).
    public let contentHash: String
    public internal(set) var split: Split?
    /// Why the header could not be read (corrupt, not audio, unreadable), or nil.
    public let readError: String?

    public init(path: String, relativePath: String, kind: SampleKind, info: AudioHeader?, contentHash: String,
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

    /// The sample encoding as Python's soundfile names it (`PCM_16`, `FLOAT`), or `unreadable`.
    public var sampleFormat: String { info?.sampleFormat ?? "unreadable" }
}
