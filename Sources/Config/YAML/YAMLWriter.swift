import CYAML
import Support

/// Writes a value tree as YAML through libyaml's emitter: block mappings, lists of scalars on one line
/// (`[64, 64, 64, 64]`), and text that would read back as something else (`"123"`, `"yes"`, `""`) quoted, so
/// the output reads back to the same values.
public enum YAMLWriter {
    /// The YAML text of `value`, or nil when libyaml refuses an event (a bug: every value here is emittable).
    public static func text(of value: JSONValue) -> String? {
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { return nil }
        defer { yaml_emitter_delete(emitter) }
        let output = Output()
        let context = Unmanaged.passUnretained(output).toOpaque()
        yaml_emitter_set_output(emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            Unmanaged<Output>.fromOpaque(data).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, context)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, 120)
        var session = Session(emitter: emitter)
        let emitted = withExtendedLifetime(output) {
            session.streamStart() && session.documentStart() && session.emit(value) && session.documentEnd() && session.streamEnd()
        }
        guard emitted, yaml_emitter_flush(emitter) == 1 else { return nil }
        return String(decoding: output.bytes, as: UTF8.self)
    }

    private final class Output {
        var bytes: [UInt8] = []
    }

    /// One emission; every method returns false once libyaml refuses an event.
    private struct Session {
        let emitter: UnsafeMutablePointer<yaml_emitter_t>
        var event = yaml_event_t()

        mutating func send(_ initialized: Int32) -> Bool {
            initialized == 1 && yaml_emitter_emit(emitter, &event) == 1
        }

        mutating func streamStart() -> Bool { send(yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)) }
        mutating func streamEnd() -> Bool { send(yaml_stream_end_event_initialize(&event)) }
        mutating func documentStart() -> Bool { send(yaml_document_start_event_initialize(&event, nil, nil, nil, 1)) }
        mutating func documentEnd() -> Bool { send(yaml_document_end_event_initialize(&event, 1)) }

        mutating func emit(_ value: JSONValue) -> Bool {
            switch value {
            case .null: return scalar("null", quoted: false)
            case let .bool(flag): return scalar(flag ? "true" : "false", quoted: false)
            case let .integer(number): return scalar(String(number), quoted: false)
            case let .number(number): return scalar(YAMLWriter.text(of: number), quoted: false)
            case let .string(text):
                let plainReadsBack = YAMLScalar(text: text, isQuoted: false).resolved == .string(text)
                return scalar(text, quoted: !plainReadsBack || text.isEmpty)
            case let .array(items):
                let flow = items.allSatisfy { if case .object = $0 { false } else { true } }
                guard send(yaml_sequence_start_event_initialize(&event, nil, nil, 1,
                                                                flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE))
                else { return false }
                for item in items where !emit(item) { return false }
                return send(yaml_sequence_end_event_initialize(&event))
            case let .object(pairs):
                guard send(yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)) else { return false }
                for pair in pairs {
                    guard scalar(pair.key, quoted: false), emit(pair.value) else { return false }
                }
                return send(yaml_mapping_end_event_initialize(&event))
            }
        }

        mutating func scalar(_ text: String, quoted: Bool) -> Bool {
            // libyaml copies the text; it needs a non-null pointer even for empty text.
            var bytes = Array(text.utf8) + [0]
            let length = Int32(bytes.count - 1)
            let style = quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE
            let initialized = bytes.withUnsafeMutableBufferPointer { buffer in
                yaml_scalar_event_initialize(&event, nil, nil, buffer.baseAddress, length, 1, 1, style)
            }
            return send(initialized)
        }
    }

    /// A double as YAML 1.1 reads a float: the shortest round-trip text, always with a decimal point
    /// (`1.0e-05`, not `1e-05`, which PyYAML would read as text).
    static func text(of number: Double) -> String {
        var text = number.description
        if !text.contains("."), let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            text.insert(contentsOf: ".0", at: exponent)
        }
        return text
    }
}
