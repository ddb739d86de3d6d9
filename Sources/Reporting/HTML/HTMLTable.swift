/// A table of text cells, escaped; columns listed in `numeric` are right-aligned; no header row when `headers` is empty.
public struct HTMLTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    public var numeric: Set<Int>
    public var caption: String?

    public init(headers: [String], rows: [[String]], numeric: Set<Int> = [], caption: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.numeric = numeric
        self.caption = caption
    }

    public var html: String {
        var out = "<table>"
        if let caption { out += "<caption>\(HTMLText.escape(caption))</caption>" }
        if !headers.isEmpty {
            out += "<thead><tr>" + headers.enumerated().map { cell("th", $0.offset, $0.element) }.joined() + "</tr></thead>"
        }
        out += "<tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    private func cell(_ tag: String, _ column: Int, _ text: String) -> String {
        let alignment = numeric.contains(column) ? " class=\"num\"" : ""
        return "<\(tag)\(alignment)>\(HTMLText.escape(text))</\(tag)>"
    }
}
