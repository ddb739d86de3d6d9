import Support

/// Parses a command's arguments against its declared options: `--name value`, `--name=value`, `--flag`,
/// `--` (everything after it is positional), and `-h`/`--help`. Unknown options and wrong counts are
/// `UsageError`s that name the closest valid option.
enum ArgumentParser {
    /// What parsing produced: the arguments, or a request for help.
    enum Outcome {
        case run(ParsedArguments)
        case help
    }

    static func parse(_ words: ArraySlice<String>, for command: any Command.Type) throws(UsageError) -> Outcome {
        let name = command.displayName
        var parsed = ParsedArguments(command: name)
        let byName = Dictionary(command.options.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var seen: Set<String> = []
        var index = words.startIndex
        var onlyPositional = false
        while index < words.endIndex {
            let word = words[index]
            index += 1
            if onlyPositional || !word.hasPrefix("-") || word == "-" {
                parsed.appendPositional(word)
                continue
            }
            if word == "--" { onlyPositional = true; continue }
            if word == "-h" || word == "--help" { return .help }
            guard word.hasPrefix("--") else {
                throw UsageError("unknown option '\(word)'; options are spelt with two dashes", command: name)
            }
            var key = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = key.firstIndex(of: "=") {
                inlineValue = String(key[key.index(after: equals)...])
                key = String(key[..<equals])
            }
            guard let option = byName[key] else {
                let suggestion = closestMatch(to: key, among: byName.keys).map { "; did you mean --\($0)?" } ?? ""
                throw UsageError("unknown option --\(key)\(suggestion)", command: name)
            }
            if seen.contains(key), !option.repeatable {
                throw UsageError("--\(key) given more than once", command: name)
            }
            seen.insert(key)
            if option.valueName == nil {
                if inlineValue != nil { throw UsageError("--\(key) is a flag and takes no value", command: name) }
                parsed.setFlag(key)
                continue
            }
            if let inlineValue {
                parsed.appendValue(inlineValue, for: key)
            } else {
                guard index < words.endIndex else {
                    throw UsageError("--\(key) needs a value (\(option.valueName ?? "VALUE"))", command: name)
                }
                parsed.appendValue(words[index], for: key)
                index += 1
            }
        }
        try checkPositionals(parsed.positional, for: command)
        return .run(parsed)
    }

    private static func checkPositionals(_ values: [String], for command: any Command.Type) throws(UsageError) {
        let name = command.displayName
        let minimum = command.arguments.reduce(0) { $0 + $1.count.lowerBound }
        let maximum = command.arguments.reduce(0) { $0 &+ $1.count.upperBound }
        if values.count < minimum {
            let missing = command.arguments.first { $0.count.lowerBound > 0 }?.name ?? "argument"
            throw UsageError("missing \(missing)", command: name)
        }
        if maximum >= 0, values.count > maximum {
            let extra = values[maximum]
            let hint = extra.hasPrefix("-") ? "" : ""
            throw UsageError("unexpected argument '\(extra)'\(hint)", command: name)
        }
    }
}
