extension JSONValue {
    /// The value as JSON text: compact by default, or indented by `indent` spaces per level. Keys keep their
    /// order. Doubles use the shortest text that reads back to the same value; NaN and infinities, which
    /// JSON cannot carry, become null.
    public func serialized(indent: Int? = nil) -> String {
        var out = ""
        write(into: &out, indent: indent, level: 0)
        return out
    }

    private func write(into out: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(value): out += value ? "true" : "false"
        case let .integer(value): out += String(value)
        case let .number(value): out += Self.text(of: value)
        case let .string(value): Self.writeQuoted(value, into: &out)
        case let .array(values):
            if values.isEmpty { out += "[]"; return }
            let scalarsOnly = values.allSatisfy { if case .array = $0 { false } else if case .object = $0 { false } else { true } }
            out += "["
            for (position, value) in values.enumerated() {
                if position > 0 { out += indent == nil || scalarsOnly ? (indent == nil ? "," : ", ") : "," }
                if let indent, !scalarsOnly { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
                value.write(into: &out, indent: indent, level: level + 1)
            }
            if let indent, !scalarsOnly { out += "\n" + String(repeating: " ", count: indent * level) }
            out += "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (position, pair) in pairs.enumerated() {
                if position > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: " ", count: indent * (level + 1)) }
                Self.writeQuoted(pair.key, into: &out)
                out += indent == nil ? ":" : ": "
                pair.value.write(into: &out, indent: indent, level: level + 1)
            }
            if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
            out += "}"
        }
    }

    /// A double as JSON: the shortest round-trip text, with ".0" kept for whole numbers as Python does.
    static func text(of value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value.description
    }

    static func writeQuoted(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
