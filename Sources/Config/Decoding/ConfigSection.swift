import Support

/// A mapping of keys in the configuration (`training:`, `dataset.splits:`, one `feature_sets` entry): a
/// plain struct whose `init()` holds the defaults and whose `fields` list spells its keys.
///
/// Reading a section starts from `init()` (the section type's own defaults, as the Python models do: a
/// `positive: {max_s: 3}` gets `DurationLimits`' default `min_s`, not the `positive` default's), sets each
/// given key, reports unknown keys with the closest valid one, then runs `validate` when every key read
/// cleanly.
public protocol ConfigSection: ConfigValue {
    init()
    /// What the section is for, one sentence (Markdown): the configuration reference's text under its heading.
    static var summary: String { get }
    /// The section's keys in the order `wakesmith config` prints them.
    static var fields: [ConfigField<Self>] { get }
    /// Checks across keys (a model validator in the Python reference); report through `report`.
    func validate(into report: inout SectionReport)
}

extension ConfigSection {
    public func validate(into report: inout SectionReport) {}

    public static var typeName: String { "section" }
    public static var nestedSection: (any ConfigSection.Type)? { Self.self }

    public var encoded: JSONValue {
        .object(Self.fields.map { (key: $0.key, value: $0.encode(self)) })
    }

    public func resolvingPaths(against base: String) -> Self {
        var copy = self
        for field in Self.fields { field.resolve(&copy, base) }
        return copy
    }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Self? {
        let pairs: [(key: String, keyMark: SourceMark, value: YAMLNode)]
        switch node {
        case let .mapping(found, _): pairs = found
        case let .scalar(scalar, _) where scalar.resolved == .null: pairs = []  // `training:` with nothing under it
        default:
            diagnostics.report("expected a mapping of keys, got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        let fields = Self.fields
        var value = Self()
        var seen: Set<String> = []
        let before = diagnostics.problems.count
        for pair in pairs {
            let keyPath = path.appending(pair.key)
            guard let field = fields.first(where: { $0.key == pair.key }) else {
                let valid = fields.map(\.key)
                let suggestion = closestMatch(to: pair.key, among: valid).map { "; did you mean '\($0)'?" }
                    ?? "; valid keys: \(valid.joined(separator: ", "))"
                diagnostics.report(text: "unknown key '\(keyPath)'\(suggestion)", at: keyPath, mark: pair.keyMark)
                continue
            }
            guard seen.insert(pair.key).inserted else {
                diagnostics.report("given twice; keep one", at: keyPath, mark: pair.keyMark)
                continue
            }
            field.decode(&value, pair.value, keyPath, &diagnostics)
        }
        for field in fields where field.isRequired && !seen.contains(field.key) {
            diagnostics.report("missing required key '\(field.key)'", at: path, mark: node.mark)
        }
        guard diagnostics.problems.count == before else { return nil }
        var report = SectionReport(path: path, mark: node.mark, marks: Dictionary(pairs.map { ($0.key, $0.keyMark) }) { first, _ in first })
        value.validate(into: &report)
        for problem in report.problems { diagnostics.report(text: problem.text, at: problem.path, mark: problem.mark) }
        return report.problems.isEmpty ? value : nil
    }
}

/// Where a section's cross-key checks report: a problem names the section (or one of its keys) and, when the
/// section came from a file, its line and column.
public struct SectionReport: Sendable {
    public let path: ConfigPath
    let mark: SourceMark?
    let marks: [String: SourceMark]
    public private(set) var problems: [ConfigProblem] = []

    public init(path: ConfigPath, mark: SourceMark? = nil, marks: [String: SourceMark] = [:]) {
        self.path = path
        self.mark = mark
        self.marks = marks
    }

    /// Reports `message` against the key `key` of the section, or the section itself.
    public mutating func problem(_ message: String, key: String? = nil) {
        let where_ = key.map { path.appending($0) } ?? path
        problems.append(ConfigProblem(path: where_, mark: key.flatMap { marks[$0] } ?? mark, text: "\(where_): \(message)"))
    }
}
