import CSndFile

/// What a file's header says: container, sample encoding, rate, channels and length.
public struct AudioFileInfo: Equatable, Sendable {
    public let sampleRate: Int
    public let channels: Int
    public let frames: Int
    public let container: Container
    public let encoding: Encoding

    public var durationSeconds: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }

    /// Whether the file is already what the device hears: 16 kHz, 16-bit PCM, mono.
    public var isDeviceFormat: Bool {
        sampleRate == DeviceAudioFormat.sampleRate && channels == DeviceAudioFormat.channels && encoding == .pcm16
    }

    /// "48000 Hz float 2 channels", for messages.
    public var summary: String {
        "\(sampleRate) Hz \(encoding.name) \(channels == 1 ? "mono" : "\(channels) channels")"
    }

    /// The file container (major format).
    public enum Container: Equatable, Sendable {
        case wav, flac, other(String)

        init(code: Int32) {
            switch Int(code) & Int(SF_FORMAT_TYPEMASK) {
            case Int(SF_FORMAT_WAV), Int(SF_FORMAT_WAVEX), Int(SF_FORMAT_RF64): self = .wav
            case Int(SF_FORMAT_FLAC): self = .flac
            default: self = .other(Self.name(of: Int32(Int(code) & Int(SF_FORMAT_TYPEMASK))))
            }
        }

        static func name(of major: Int32) -> String {
            var info = SF_FORMAT_INFO()
            info.format = major
            guard sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &info, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
                  let name = info.name
            else { return "unknown container" }
            return String(cString: name)
        }
    }

    /// How samples are stored (minor format).
    public enum Encoding: Equatable, Sendable {
        case pcm8, pcm16, pcm24, pcm32, float32, float64, other(String)

        init(code: Int32) {
            switch Int(code) & Int(SF_FORMAT_SUBMASK) {
            case Int(SF_FORMAT_PCM_S8), Int(SF_FORMAT_PCM_U8): self = .pcm8
            case Int(SF_FORMAT_PCM_16): self = .pcm16
            case Int(SF_FORMAT_PCM_24): self = .pcm24
            case Int(SF_FORMAT_PCM_32): self = .pcm32
            case Int(SF_FORMAT_FLOAT): self = .float32
            case Int(SF_FORMAT_DOUBLE): self = .float64
            case Int(SF_FORMAT_ULAW): self = .other("u-law")
            case Int(SF_FORMAT_ALAW): self = .other("a-law")
            default: self = .other("encoding 0x" + String(Int(code) & Int(SF_FORMAT_SUBMASK), radix: 16))
            }
        }

        public var isFloat: Bool { self == .float32 || self == .float64 }

        /// Bits per sample for PCM encodings, nil otherwise.
        public var bitDepth: Int? {
            switch self {
            case .pcm8: 8
            case .pcm16: 16
            case .pcm24: 24
            case .pcm32: 32
            default: nil
            }
        }

        public var name: String {
            switch self {
            case .pcm8: "8-bit PCM"
            case .pcm16: "16-bit PCM"
            case .pcm24: "24-bit PCM"
            case .pcm32: "32-bit PCM"
            case .float32: "float"
            case .float64: "double"
            case let .other(name): name
            }
        }
    }
}
