import Support

/// One file synth writes: what to say, with which voice, or which background or room to make, and the seed
/// that fixes every random choice in rendering it. Jobs are planned once from the run's seed; rendering a
/// job depends on its fields alone, so the files do not depend on how many workers ran or in what order.
public enum SynthJob: Sendable, Equatable {
    case speech(Speech)
    case background(Background)
    case room(Room)

    /// A positive or negative clip.
    public struct Speech: Sendable, Equatable {
        public let kind: SampleKind
        public let index: Int
        public let text: String
        public let voice: VoiceSetting
        public let seed: UInt64
        public let file: String
        /// wake, close (spelling edit), close-word (dictionary word), partial, sentence.
        public let category: String
    }

    /// A long background file: babble from several voices, coloured noise, or both.
    public struct Background: Sendable, Equatable {
        public let index: Int
        public let seconds: Double
        /// babble, noise or babble+noise.
        public let mode: String
        public let color: NoiseColor
        public let seed: UInt64
        public let file: String
        public let voices: [VoiceSetting]
        public let texts: [String]
    }

    /// A room impulse response.
    public struct Room: Sendable, Equatable {
        public let index: Int
        public let rt60: Double
        public let seed: UInt64
        public let file: String
        public let mode: SynthSize.RoomMode
    }

    public var kind: SampleKind {
        switch self {
        case let .speech(job): job.kind
        case .background: .background
        case .room: .rir
        }
    }

    /// The output path, relative to the dataset folder.
    public var file: String {
        switch self {
        case let .speech(job): job.file
        case let .background(job): job.file
        case let .room(job): job.file
        }
    }

    public var seed: UInt64 {
        switch self {
        case let .speech(job): job.seed
        case let .background(job): job.seed
        case let .room(job): job.seed
        }
    }

    /// The job's manifest entry without its duration: everything needed to render it again.
    public func manifestFields(runSeed: UInt64) -> [(key: String, value: JSONValue)] {
        var fields: [(key: String, value: JSONValue)] = [
            ("kind", .string(kind.rawValue)), ("file", .string(file)), ("seed", .integer(Int(seed))),
            ("run_seed", .integer(Int(truncatingIfNeeded: runSeed))),
        ]
        switch self {
        case let .speech(job):
            fields += [("engine", .string(job.voice.engine)), ("voice", .string(job.voice.voice)),
                       ("settings", job.voice.settingsJSON), ("text", .string(job.text)), ("category", .string(job.category))]
        case let .background(job):
            var engines: [String] = []
            for voice in job.voices where !engines.contains(voice.engine) { engines.append(voice.engine) }
            fields += [("engine", .string(engines.isEmpty ? "noise" : engines.joined(separator: ","))),
                       ("mode", .string(job.mode)),
                       ("noise_color", job.mode.contains("noise") ? .string(job.color.rawValue) : .null),
                       ("voices", .array(job.voices.map { ["engine": .string($0.engine), "voice": .string($0.voice), "settings": $0.settingsJSON] })),
                       ("text", .array(job.texts.map { .string($0) }))]
        case let .room(job):
            switch job.mode {
            case .simulated:
                var generator = SeededGenerator(seed: job.seed)
                fields += [("engine", "image-source"), ("settings", ShoeboxRoom.draw(using: &generator).json)]
            case .synthetic:
                fields += [("engine", "synthetic-rir"), ("settings", ["rt60_s": .number(job.rt60)])]
            }
        }
        return fields
    }
}
