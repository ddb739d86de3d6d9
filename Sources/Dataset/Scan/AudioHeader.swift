import AudioIO
import Support

/// What a file's header says (rate, channels, length, sample encoding, container): the part of
/// `AudioFileInfo` a scan keeps, and caches so that an unchanged file is not even opened on the next scan.
public struct AudioHeader: Equatable, Sendable {
    public let sampleRate: Int
    public let channels: Int
    public let frames: Int
    public let encoding: AudioFileInfo.Encoding
    public let container: AudioFileInfo.Container

    public init(sampleRate: Int, channels: Int, frames: Int, encoding: AudioFileInfo.Encoding, container: AudioFileInfo.Container) {
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.encoding = encoding
        self.container = container
    }

    public init(_ info: AudioFileInfo) {
        self.init(sampleRate: info.sampleRate, channels: info.channels, frames: info.frames, encoding: info.encoding,
                  container: info.container)
    }

    public var durationSeconds: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }

    /// 16 kHz, 16-bit PCM, mono: what the device hears.
    public var isDeviceFormat: Bool {
        sampleRate == DeviceAudioFormat.sampleRate && channels == DeviceAudioFormat.channels && encoding == .pcm16
    }

    /// The sample encoding under the names Python's soundfile uses (`PCM_16`, `PCM_24`, `FLOAT`), as the
    /// messages of both implementations show it.
    public var sampleFormat: String {
        switch encoding {
        case .pcm8: "PCM_8"
        case .pcm16: "PCM_16"
        case .pcm24: "PCM_24"
        case .pcm32: "PCM_32"
        case .float32: "FLOAT"
        case .float64: "DOUBLE"
        case let .other(name): name
        }
    }

    var containerName: String {
        switch container {
        case .wav: "WAV"
        case .flac: "FLAC"
        case let .other(name): name
        }
    }

    /// The cache's form (an extra key of a Python cache entry, which the Python reference keeps untouched).
    var json: JSONValue {
        ["rate": .integer(sampleRate), "channels": .integer(channels), "frames": .integer(frames),
         "subtype": .string(sampleFormat), "container": .string(containerName)]
    }

    init?(json: JSONValue) {
        guard let rate = json["rate"]?.integerValue, let channels = json["channels"]?.integerValue,
              let frames = json["frames"]?.integerValue, let subtype = json["subtype"]?.stringValue,
              let container = json["container"]?.stringValue
        else { return nil }
        let encodings: [String: AudioFileInfo.Encoding] = [
            "PCM_8": .pcm8, "PCM_16": .pcm16, "PCM_24": .pcm24, "PCM_32": .pcm32, "FLOAT": .float32, "DOUBLE": .float64,
        ]
        self.init(sampleRate: rate, channels: channels, frames: frames, encoding: encodings[subtype] ?? .other(subtype),
                  container: container == "WAV" ? .wav : container == "FLAC" ? .flac : .other(container))
    }
}
