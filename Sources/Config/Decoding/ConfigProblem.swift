import Support

/// One thing wrong in a configuration: where (the key path and, when it came from a file, the line and
/// column) and what.
public struct ConfigProblem: Equatable, Sendable, CustomStringConvertible {
    public let path: ConfigPath
    public let mark: SourceMark?
    /// The sentence shown to the user, already naming the path (`training.learning_rates[1]: expected …`).
    public let text: String

    public init(path: ConfigPath, mark: SourceMark?, text: String) {
        self.path = path
        self.mark = mark
        self.text = text
    }

    public var description: String { text }
}

/// Problems gathered while reading a configuration: every problem is reported, not only the first.
public struct ConfigDiagnostics: Sendable {
    public private(set) var problems: [ConfigProblem] = []

    public init() {}

    /// A value at `path` is wrong: `path: message`.
    public mutating func report(_ message: String, at path: ConfigPath, mark: SourceMark?) {
        problems.append(ConfigProblem(path: path, mark: mark, text: "\(path): \(message)"))
    }

    /// A problem whose text does not start with the path (unknown keys).
    public mutating func report(text: String, at path: ConfigPath, mark: SourceMark?) {
        problems.append(ConfigProblem(path: path, mark: mark, text: text))
    }

    public var isEmpty: Bool { problems.isEmpty }
}

/// A configuration that cannot be used: one line per problem, each `SOURCE:LINE:COLUMN: path: what`.
public struct ConfigError: UserFacingError, Equatable {
    /// The file (or preset) the configuration came from.
    public let source: String
    public let problems: [ConfigProblem]
    private let customHint: String?

    public init(source: String, problems: [ConfigProblem], hint: String? = nil) {
        self.source = source
        self.problems = problems
        customHint = hint
    }

    public init(source: String, _ message: String, hint: String? = nil) {
        self.init(source: source, problems: [ConfigProblem(path: .root, mark: nil, text: message)], hint: hint)
    }

    /// Every problem on its own line.
    public var lines: [String] {
        problems.map { problem in
            if let mark = problem.mark { return "\(source):\(mark.line):\(mark.column): \(problem.text)" }
            return "\(source): \(problem.text)"
        }
    }

    public var message: String { lines.joined(separator: "\n") }

    public var hint: String? { customHint ?? "every key, its type and default: docs/config-reference.md" }
}
