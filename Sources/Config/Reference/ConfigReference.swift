import Foundation
import Support

/// docs/config-reference.md, written from the schema: every section's `summary` and, for each key of its
/// `fields`, the type, the default (taken from the section's `init()`, or the enclosing section's value for
/// nested ones such as `dataset.positive`), what the value checks allow, and the key's `doc`.
///
/// `wakesmith config --reference` prints it; `ConfigReferenceTests` fails when the committed file differs.
public enum ConfigReference {
    /// The path of the generated file, relative to the repository root.
    public static let documentPath = "docs/config-reference.md"
    /// The command that rewrites the file from the repository root.
    public static let regenerateCommand = "swift build && .build/debug/wakesmith config --reference > docs/config-reference.md"

    /// The whole Markdown document.
    public static func markdown() -> String {
        var out = """
        # Configuration reference

        Generated from the schema (`Sources/Config/Schema/`) by `wakesmith config --reference`; do not edit by
        hand. A test fails when this file differs from what the schema generates; regenerate it with
        `\(regenerateCommand)`.

        \(WakesmithConfig.summary)

        - Unknown keys are errors that name the closest valid key; a key given twice is an error.
        - Relative paths are resolved against the folder of the configuration file.
        - The presets in `configs/` (`fast_test`, `standard`, `max_quality`) change some of these defaults;
          `wakesmith config FILE` prints every resolved value of a file, and `docs/presets.md` compares them.
        - "allowed" lists the range checks made when the file is read; a section's cross-key checks are in its text.


        """
        writeSections(of: WakesmithConfig.self, title: "Top level", path: "", defaults: WakesmithConfig().encoded,
                      summary: nil, into: &out)
        return out
    }

    private static func writeSections<Section: ConfigSection>(of type: Section.Type, title: String, path: String,
                                                             defaults: JSONValue, summary: String?, into out: inout String)
    {
        out += "## \(title)\n\n"
        if let summary { out += "\(summary)\n\n" }
        out += "| key | type | default | allowed | description |\n| --- | --- | --- | --- | --- |\n"
        var nested: [(type: any ConfigSection.Type, path: String, defaults: JSONValue)] = []
        for field in Section.fields {
            let keyPath = path.isEmpty ? field.key : "\(path).\(field.key)"
            let value = defaults[field.key] ?? .null
            var defaultText = field.isRequired ? "required" : "`\(flowText(of: value))`"
            if let section = field.nestedSection {
                if case .object = value {
                    nested.append((section, keyPath, value))
                    defaultText = "see [`\(keyPath)`](#\(anchor(keyPath)))"
                } else {
                    let entryPath = "\(keyPath)[]"
                    nested.append((section, entryPath, section.defaultEncoded))
                    defaultText += "; entries: [`\(entryPath)`](#\(anchor(entryPath)))"
                }
            }
            let cells = ["`\(field.key)`", field.typeName, defaultText, field.allowed.joined(separator: "; "), field.doc]
            out += "| " + cells.map(escaped).joined(separator: " | ") + " |\n"
        }
        out += "\n"
        for entry in nested {
            writeNested(entry.type, path: entry.path, defaults: entry.defaults, into: &out)
        }
    }

    private static func writeNested<Section: ConfigSection>(_ type: Section.Type, path: String, defaults: JSONValue,
                                                           into out: inout String)
    {
        writeSections(of: type, title: "`\(path)`", path: path, defaults: defaults, summary: Section.summary, into: &out)
    }

    /// GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces as `-`.
    static func anchor(_ path: String) -> String {
        String(path.lowercased().compactMap { character -> Character? in
            if character == " " { return "-" }
            return character.isLetter || character.isNumber || character == "_" || character == "-" ? character : nil
        })
    }

    /// A value as YAML flow text (`[0.195, 0.205]`, `{training: 10, validation: 1}`, `"hey jarvis"`).
    static func flowText(of value: JSONValue) -> String {
        switch value {
        case .null, .bool, .integer, .number, .string: value.serialized()
        case let .array(items): "[" + items.map(flowText).joined(separator: ", ") + "]"
        case let .object(pairs): "{" + pairs.map { "\($0.key): \(flowText(of: $0.value))" }.joined(separator: ", ") + "}"
        }
    }

    private static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

extension ConfigSection {
    /// The built-in defaults as `wakesmith config` prints them.
    static var defaultEncoded: JSONValue { Self().encoded }
}
