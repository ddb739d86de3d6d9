import Foundation
import Support

/// One section of an HTML report: a title and a body of markup (paragraphs, tables, inline SVG).
///
/// Sections are how other commands add to the evaluation report without knowing its layout: `device test`
/// writes a section file into the report's `sections/` folder (`write(toFolder:)`), and the report includes
/// every section file it finds there, ordered by file name. A body is trusted markup, made with `HTMLText`,
/// `HTMLTable`, `Chart` or `Figure`, and never holds scripts: the report must read without JavaScript.
public struct ReportSection: Sendable, Equatable {
    /// The section's anchor in the page (letters, digits, `-`, `_`), also its file name.
    public var id: String
    public var title: String
    /// HTML markup placed after the section's heading.
    public var body: String

    public init(id: String, title: String, body: String) {
        self.id = HTMLText.identifier(id)
        self.title = title
        self.body = body
    }

    /// The section as HTML.
    public var html: String {
        "<section id=\"\(id)\">\n<h2>\(HTMLText.escape(title))</h2>\n\(body)\n</section>"
    }

    /// The folder, inside a report folder, whose section files the report includes.
    public static let folderName = "sections"
    static let fileSuffix = ".section.json"

    /// Writes the section as `<folder>/<id>.section.json` (atomically; the folder is created).
    @discardableResult
    public func write(toFolder folder: String) throws(FileError) -> String {
        let path = (folder as NSString).appendingPathComponent(id + Self.fileSuffix)
        let value: JSONValue = ["id": .string(id), "title": .string(title), "body": .string(body)]
        try AtomicFile.write(value.serialized(indent: 1) + "\n", to: path)
        return path
    }

    /// Every section file in `folder`, ordered by file name; none when the folder does not exist.
    public static func read(folder: String) throws(ReportSectionError) -> [ReportSection] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var sections: [ReportSection] = []
        for name in names.sorted() where name.hasSuffix(fileSuffix) {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path),
                  let value = try? JSONValue(parsing: [UInt8](data)),
                  let id = value["id"]?.stringValue, let title = value["title"]?.stringValue,
                  let body = value["body"]?.stringValue
            else {
                throw ReportSectionError(path: path, reason: "not a section file (a JSON object with id, title and body)")
            }
            let lowered = body.lowercased()
            if lowered.contains("<script") || lowered.contains("javascript:") {
                throw ReportSectionError(path: path, reason: "holds a script; report sections must read without JavaScript")
            }
            sections.append(ReportSection(id: id, title: title, body: body))
        }
        return sections
    }
}

/// A section file the report cannot include.
public struct ReportSectionError: UserFacingError, Equatable {
    public let path: String
    public let reason: String
    public var message: String { "cannot include report section \(path): \(reason)" }
    public var hint: String? { "delete the file or re-run the command that wrote it" }
}
