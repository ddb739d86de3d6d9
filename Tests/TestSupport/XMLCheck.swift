import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup as XML and collects each element's attributes by element name: proves an SVG is well formed
/// and lets tests find what was drawn.
public final class XMLCheck: NSObject, XMLParserDelegate {
    public private(set) var elements: [(name: String, attributes: [String: String])] = []
    public private(set) var text = ""

    /// nil when the markup is not well-formed XML.
    public static func parse(_ markup: String) -> XMLCheck? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:])
    {
        elements.append((name, attributes))
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    public func all(_ name: String) -> [[String: String]] {
        elements.filter { $0.name == name }.map(\.attributes)
    }
}

/// Every `<svg …>…</svg>` element in an HTML page, outermost only, in order.
public func svgElements(in html: String) -> [String] {
    var found: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg ") {
        var depth = 0
        var cursor = start.lowerBound
        var end: String.Index?
        while cursor < rest.endIndex {
            if rest[cursor...].hasPrefix("<svg ") { depth += 1 }
            if rest[cursor...].hasPrefix("</svg>") {
                depth -= 1
                if depth == 0 {
                    end = rest.index(cursor, offsetBy: 6)
                    break
                }
            }
            cursor = rest.index(after: cursor)
        }
        guard let end else { break }
        found.append(String(rest[start.lowerBound ..< end]))
        rest = rest[end...]
    }
    return found
}
