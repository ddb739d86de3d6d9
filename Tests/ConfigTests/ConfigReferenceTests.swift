import Config
import Foundation
import TestSupport
import Testing

/// docs/config-reference.md is generated from the schema (`ConfigReference`); these tests keep the committed
/// file and the schema from drifting apart.
@Suite struct ConfigReferenceTests {
    @Test func committedReferenceMatchesTheSchema() throws {
        let url = Repository.root.appendingPathComponent(ConfigReference.documentPath)
        let committed = try String(contentsOf: url, encoding: .utf8)
        let generated = ConfigReference.markdown()
        let firstDifference = zip(committed.split(separator: "\n", omittingEmptySubsequences: false),
                                  generated.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $0.element.0 != $0.element.1 }
        if committed != generated {
            Issue.record("""
            \(ConfigReference.documentPath) is out of date with the schema (first difference at line \
            \((firstDifference?.offset ?? 0) + 1)); regenerate it from the repository root with:
              \(ConfigReference.regenerateCommand)
            """)
        }
    }

    @Test func everyKeyIsDescribedWithItsDefault() {
        let reference = ConfigReference.markdown()
        // Every section's keys appear as rows with a description (the last cell is not empty).
        let rows = reference.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count > 100)
        for row in rows {
            #expect(!row.hasSuffix("|  |"), "a key without a description: \(row)")
        }
        // Nested defaults come from the enclosing section's value, not the nested type's own init().
        #expect(reference.contains("## `dataset.background`"))
        let background = reference.components(separatedBy: "## `dataset.background`")[1]
        #expect(background.contains("| `max_s` | number | `7200.0` | > 0.0 |"))
        #expect(reference.contains("| `batch_size` | integer | `128` | ≥ 1 | Examples per step. |"))
        #expect(reference.contains("| `name` | text | required |"))
    }

    @Test func everyLinkPointsToAHeading() {
        let reference = ConfigReference.markdown()
        let headings = Set(reference.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { line in
            String(line.dropFirst(3).lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " })
                .replacingOccurrences(of: " ", with: "-")
        })
        let anchors = reference.components(separatedBy: "](#").dropFirst().map { $0.prefix { $0 != ")" } }
        #expect(anchors.count >= 15)
        for anchor in anchors {
            #expect(headings.contains(String(anchor)), "link to #\(anchor) has no heading")
        }
    }
}
