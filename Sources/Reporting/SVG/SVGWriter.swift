import Foundation

/// Builds SVG markup: elements with escaped attributes, coordinates written with two decimals.
public struct SVGWriter: Sendable {
    /// Attribute names and values in order; a nil value leaves the attribute out.
    public typealias Attributes = [(String, String?)]

    public private(set) var markup = ""

    public init() {}

    /// A number as an SVG coordinate: two decimals at most, no exponent.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// An empty element: `<name a="v"/>`.
    public mutating func element(_ name: String, _ attributes: Attributes) {
        markup += "<\(name)\(Self.render(attributes))/>"
    }

    /// An element with escaped text content.
    public mutating func element(_ name: String, _ attributes: Attributes, text: String) {
        markup += "<\(name)\(Self.render(attributes))>\(HTMLText.escape(text))</\(name)>"
    }

    /// An element whose children `content` writes.
    public mutating func element(_ name: String, _ attributes: Attributes, content: (inout SVGWriter) -> Void) {
        markup += "<\(name)\(Self.render(attributes))>"
        content(&self)
        markup += "</\(name)>"
    }

    /// A standalone `<svg>` root of the given size, labelled for screen readers by its `<title>` (which
    /// `content` writes with the id `<id>-title`).
    public mutating func document(id: String, className: String, width: Double, height: Double,
                                  content: (inout SVGWriter) -> Void)
    {
        let size = (Self.number(width), Self.number(height))
        element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("class", className), ("id", id),
                        ("width", size.0), ("height", size.1), ("viewBox", "0 0 \(size.0) \(size.1)"),
                        ("role", "img"), ("aria-labelledby", "\(id)-title"),
                        ("font-family", "Helvetica, Arial, sans-serif")], content: content)
    }

    /// Markup made elsewhere (already safe), appended as it is.
    public mutating func append(markup more: String) {
        markup += more
    }

    /// A path through points ("M x y L x y …"); non-finite points break the line into pieces.
    public static func path(_ points: [(x: Double, y: Double)]) -> String {
        var data = ""
        var pen = false
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                pen = false
                continue
            }
            data += (data.isEmpty ? "" : " ") + (pen ? "L" : "M") + number(point.x) + " " + number(point.y)
            pen = true
        }
        return data
    }

    private static func render(_ attributes: Attributes) -> String {
        attributes.compactMap { name, value in value.map { " \(name)=\"\(HTMLText.attribute($0))\"" } }.joined()
    }
}
