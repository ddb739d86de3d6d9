/// `dataset.group_pattern`: a regular expression with exactly one capture group, searched (not anchored) in a
/// file's name; the group's text is the file's group (one voice, one speaker), and all files of a group land
/// in one split.
///
/// Python's `re` (the reference) and Swift's `Regex` agree on the syntax that group patterns use: literals,
/// `.`, classes (`[^_]`, `\d`, `\w`, `\s`), anchors `^` `$`, greedy and lazy quantifiers, alternation,
/// non-capturing `(?:…)` and named `(?P<name>…)` groups, lookahead, inline flags such as `(?i)`. Matching
/// runs on Unicode scalars with simple word boundaries, as `re` does. Not supported by Swift (refused when the
/// configuration is read): lookbehind `(?<=…)`/`(?<!…)`, conditionals `(?(1)…)`.
public struct GroupPattern {
    /// The pattern as written.
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; throws a sentence saying what is wrong.
    public init(_ source: String) throws(GroupPatternError) {
        let compiled: Regex<AnyRegexOutput>
        do {
            compiled = try Regex(source)
        } catch {
            throw GroupPatternError("not a valid regular expression here: \(error)")
        }
        let groups = Self.captureGroupCount(source)
        guard groups == 1 else {
            throw GroupPatternError("needs exactly one capture group (the group id), found \(groups)")
        }
        self.source = source
        regex = compiled.matchingSemantics(.unicodeScalar).wordBoundaryKind(.simple)
    }

    /// The group's text in `fileName`, or nil when the pattern does not match or the group is empty or absent.
    public func groupID(in fileName: String) -> String? {
        guard let match = try? regex.firstMatch(in: fileName), match.output.count > 1,
              let group = match.output[1].substring, !group.isEmpty
        else { return nil }
        return String(group)
    }

    /// The check `DatasetConfig` runs on the key.
    static let check = ValueCheck<String>("one capture group; no lookbehind") { pattern in
        do throws(GroupPatternError) {
            _ = try GroupPattern(pattern)
            return nil
        } catch {
            return error.reason
        }
    }

    /// Capturing groups in a pattern: `(` that is not escaped, not inside a character class, and either
    /// plain or a named group (`(?P<name>`, `(?<name>`, `(?'name'`).
    static func captureGroupCount(_ pattern: String) -> Int {
        let characters = Array(pattern)
        var count = 0
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if inClass {
                if character == "]" { inClass = false }
            } else if character == "[" {
                inClass = true
                // A `]` right after `[` or `[^` is a literal member.
                if index + 1 < characters.count, characters[index + 1] == "^" { index += 1 }
                if index + 1 < characters.count, characters[index + 1] == "]" { index += 1 }
            } else if character == "(" {
                let rest = characters[(index + 1)...].prefix(3)
                if rest.first != "?" {
                    count += 1
                } else if rest.starts(with: ["?", "P", "<"]) || rest.starts(with: ["?", "'"]) {
                    count += 1
                } else if rest.starts(with: ["?", "<"]), rest.count == 3, rest.last != "=", rest.last != "!" {
                    count += 1
                }
            }
            index += 1
        }
        return count
    }
}

/// Why a group pattern cannot be used.
public struct GroupPatternError: Error, Equatable {
    public let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
