/// `--help` text generated from a command's declaration, so help never drifts from what is parsed.
enum HelpText {
    static func render(_ command: any Command.Type) -> String {
        var lines: [String] = []
        var usage = command.displayName
        if !command.options.isEmpty { usage += " [options]" }
        for argument in command.arguments {
            switch (argument.count.lowerBound, argument.count.upperBound) {
            case (1, 1): usage += " \(argument.name)"
            case (0, 1): usage += " [\(argument.name)]"
            case (0, _): usage += " [\(argument.name)...]"
            default: usage += " \(argument.name)..."
            }
        }
        lines.append("usage: \(usage)")
        lines.append("")
        lines.append(command.abstract)
        if !command.discussion.isEmpty {
            lines.append("")
            lines.append(command.discussion)
        }
        if !command.arguments.isEmpty {
            lines.append("")
            lines.append("arguments:")
            lines += table(command.arguments.map { ($0.name, $0.help) })
        }
        lines.append("")
        lines.append("options:")
        var rows = command.options.map { option in
            ("--\(option.name)" + (option.valueName.map { " \($0)" } ?? ""), option.help + (option.repeatable ? " (repeatable)" : ""))
        }
        rows.append(("-h, --help", "show this help and exit"))
        lines += table(rows)
        return lines.joined(separator: "\n")
    }

    static func table(_ rows: [(String, String)]) -> [String] {
        let width = min(28, rows.map(\.0.count).max() ?? 0)
        return rows.map { left, right in
            if left.count > width { return "  \(left)\n  \(String(repeating: " ", count: width))  \(right)" }
            return "  " + left + String(repeating: " ", count: width - left.count) + "  " + right
        }
    }
}
