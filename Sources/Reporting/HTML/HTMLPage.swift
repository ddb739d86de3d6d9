/// A self-contained HTML page: inline CSS, inline SVG, no scripts and no outside files, so it opens the same
/// from disk, from an attachment or from a web server.
public struct HTMLPage: Sendable {
    public var title: String
    /// One line under the title (the headline of a report).
    public var lead: String?
    public var sections: [ReportSection]
    /// Small print at the bottom (what made the page, when).
    public var footer: String?

    public init(title: String, lead: String? = nil, sections: [ReportSection], footer: String? = nil) {
        self.title = title
        self.lead = lead
        self.sections = sections
        self.footer = footer
    }

    public var html: String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        if let lead { out += "<p class=\"lead\">\(HTMLText.escape(lead))</p>\n" }
        out += "</header>\n<nav><ul>"
        out += sections.map { "<li><a href=\"#\($0.id)\">\(HTMLText.escape($0.title))</a></li>" }.joined()
        out += "</ul></nav>\n<main>\n"
        out += sections.map(\.html).joined(separator: "\n")
        out += "\n</main>\n"
        if let footer { out += "<footer>\(HTMLText.escape(footer))</footer>\n" }
        return out + "</body>\n</html>\n"
    }

    static let style = """
    :root { --ink: #222; --muted: #666; --rule: #ddd; --accent: #0b3d5c; --warn: #fff4e0; --warn-edge: #e69f00; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #ffffff; color: var(--ink); font: 15px/1.5 Helvetica, Arial, sans-serif; }
    header { background: var(--accent); color: #ffffff; padding: 20px 32px 16px; }
    header h1 { margin: 0 0 6px; font-size: 24px; }
    header .lead { margin: 0; font-size: 18px; font-weight: bold; }
    nav { border-bottom: 1px solid var(--rule); padding: 8px 32px; background: #f6f8fa; }
    nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
    nav a { color: var(--accent); text-decoration: none; }
    main { padding: 8px 32px 32px; max-width: 1340px; }
    section { margin-top: 28px; }
    h2 { font-size: 19px; border-bottom: 2px solid var(--accent); padding-bottom: 4px; }
    h3 { font-size: 16px; margin-bottom: 6px; }
    table { border-collapse: collapse; margin: 10px 0 16px; }
    caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
    th, td { border: 1px solid var(--rule); padding: 4px 10px; text-align: left; vertical-align: top; }
    th { background: #f0f3f6; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    figure { margin: 12px 0 20px; }
    figcaption { color: var(--muted); font-size: 13px; max-width: 900px; }
    svg { max-width: 100%; height: auto; display: block; }
    .note { background: var(--warn); border-left: 4px solid var(--warn-edge); padding: 6px 12px; margin: 8px 0; }
    .muted { color: var(--muted); }
    code { background: #f0f3f6; padding: 1px 4px; border-radius: 3px; }
    footer { color: var(--muted); font-size: 12px; padding: 16px 32px; border-top: 1px solid var(--rule); }

    """
}
