/// Escaping text for HTML and SVG (both XML-like): the one place markup is made safe.
public enum HTMLText {
    /// Text content: `&`, `<`, `>` escaped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    /// An attribute value (to go between double quotes): quotes escaped too.
    public static func attribute(_ text: String) -> String {
        escape(text).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A name safe as an HTML id or SVG id: letters, digits, `-` and `_`; anything else becomes `-`.
    public static func identifier(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII || $0 == "_" ? $0 : "-" }
        let joined = String(mapped)
        return joined.first?.isLetter == true ? joined : "s-" + joined
    }
}
