import Support

/// One voice with its prosody settings, e.g. espeak-ng `en-us+m3` at speed 160 and pitch 40. Plain data, so a
/// clip can be rendered again from its manifest entry alone.
public struct VoiceSetting: Hashable, Sendable {
    /// A setting's value: engines take whole numbers (espeak-ng speed), fractions (Piper's length scale) or words.
    public enum Value: Hashable, Sendable, CustomStringConvertible {
        case integer(Int)
        case number(Double)
        case text(String)

        public var description: String {
            switch self {
            case let .integer(value): String(value)
            case let .number(value): value.description
            case let .text(value): value
            }
        }

        public var json: JSONValue {
            switch self {
            case let .integer(value): .integer(value)
            case let .number(value): .number(value)
            case let .text(value): .string(value)
            }
        }

        /// The value as a number (a word gives nil).
        public var doubleValue: Double? {
            switch self {
            case let .integer(value): Double(value)
            case let .number(value): value
            case .text: nil
            }
        }
    }

    /// The engine's name (`espeak`, `festival`, …).
    public let engine: String
    /// The speaker: an engine voice such as `en-us+m3` or `kal_diphone`.
    public let voice: String
    /// Prosody settings, sorted by name.
    public let parameters: [(name: String, value: Value)]

    public init(engine: String, voice: String, parameters: [(String, Value)] = []) {
        self.engine = engine
        self.voice = voice
        self.parameters = parameters.map { (name: $0.0, value: $0.1) }.sorted { $0.name < $1.name }
    }

    /// The value of the setting `name`, if present.
    public subscript(name: String) -> Value? {
        parameters.first { $0.name == name }?.value
    }

    /// A numeric setting, or `fallback` when absent.
    public func number(_ name: String, default fallback: Double) -> Double {
        self[name]?.doubleValue ?? fallback
    }

    /// A stable short id (`espeak-en-us-m3-gap1_pitch40_speed150`) for messages and prosody grouping.
    public var key: String {
        let extras = parameters.map { "\($0.name)\($0.value)" }.joined(separator: "_")
        return Self.sanitized("\(engine)-\(voice)-\(extras)")
    }

    /// The speaker id without settings (`espeak-en-us-m3`).
    public var speakerKey: String {
        Self.sanitized("\(engine)-\(voice)")
    }

    /// The settings as a JSON object (manifest entries).
    public var settingsJSON: JSONValue {
        .object(parameters.map { (key: $0.name, value: $0.value.json) })
    }

    static func sanitized(_ text: String) -> String {
        String(text.compactMap { character -> Character? in
            switch character {
            case "/", "+": "-"
            case " ": nil
            default: character
            }
        })
    }

    public static func == (lhs: VoiceSetting, rhs: VoiceSetting) -> Bool {
        lhs.engine == rhs.engine && lhs.voice == rhs.voice && lhs.parameters.count == rhs.parameters.count
            && zip(lhs.parameters, rhs.parameters).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(engine)
        hasher.combine(voice)
        for parameter in parameters {
            hasher.combine(parameter.name)
            hasher.combine(parameter.value)
        }
    }
}
