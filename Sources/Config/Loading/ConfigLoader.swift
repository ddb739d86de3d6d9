import Foundation
import Support

/// Reads a configuration file into `WakesmithConfig`: YAML through libyaml, every key checked against the
/// schema (unknown keys with the closest valid one, wrong types and values with their path and line), the
/// cross-section checks run, and relative paths made absolute against the file's folder.
public enum ConfigLoader {
    /// Loads the file at `path`. `checks` are added to the built-in cross-section checks (`ConfigCheck`).
    public static func load(path: String, checks: [ConfigCheck] = []) throws(ConfigError) -> WakesmithConfig {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ConfigError(source: path, "no such configuration file (create one with `wakesmith init`)",
                              hint: "`wakesmith init DIR` writes DIR/config.yaml from a preset")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(source: path, "cannot read the file (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(source: path, "not UTF-8 text")
        }
        let file = realPath(path)
        let folder = (file as NSString).deletingLastPathComponent
        return try parse(text, source: path, base: folder.isEmpty ? "/" : folder, checks: checks)
    }

    /// Reads configuration text; relative paths resolve against `base`. `source` names the text in errors.
    public static func parse(_ text: String, source: String, base: String, checks: [ConfigCheck] = []) throws(ConfigError)
        -> WakesmithConfig
    {
        let root: YAMLNode?
        do {
            root = try YAMLDocument.parse(text, source: source)
        } catch {
            throw ConfigError(source: source, problems: [ConfigProblem(path: .root, mark: error.mark, text: "not valid YAML: \(error.reason)")],
                              hint: error.hint)
        }
        var diagnostics = ConfigDiagnostics()
        var config = WakesmithConfig()
        if let root {
            if case .mapping = root {
                if let decoded = WakesmithConfig.decode(root, at: .root, diagnostics: &diagnostics) { config = decoded }
            } else if root.resolvedScalar != .null {
                diagnostics.report("must be a mapping of sections (wake_word:, dataset:, …), got \(root.shortDescription)",
                                   at: .root, mark: root.mark)
            }
        }
        guard diagnostics.isEmpty else { throw ConfigError(source: source, problems: diagnostics.problems) }
        config = config.resolvingPaths(against: base)
        let marks = root.map(MarkIndex.init) ?? MarkIndex()
        let problems = (ConfigCheck.builtIn + checks).flatMap { $0.problems(config) }.map(marks.locate)
        guard problems.isEmpty else { throw ConfigError(source: source, problems: problems) }
        return config
    }
}

/// Line and column of every key path in a parsed document, so problems found after decoding (cross-section
/// checks) still point into the file.
struct MarkIndex {
    private var marks: [ConfigPath: SourceMark] = [:]

    init() {}

    init(_ root: YAMLNode) {
        add(root, at: .root)
    }

    private mutating func add(_ node: YAMLNode, at path: ConfigPath) {
        marks[path] = node.mark
        switch node {
        case .scalar: break
        case let .sequence(items, _):
            for (index, item) in items.enumerated() { add(item, at: path.appending(index: index)) }
        case let .mapping(pairs, _):
            for pair in pairs {
                add(pair.value, at: path.appending(pair.key))
                marks[path.appending(pair.key)] = pair.keyMark
            }
        }
    }

    /// The problem with the mark of its path (or the nearest enclosing path that has one) filled in.
    func locate(_ problem: ConfigProblem) -> ConfigProblem {
        guard problem.mark == nil else { return problem }
        var components = problem.path.components
        while true {
            if let mark = marks[ConfigPath(components)] { return ConfigProblem(path: problem.path, mark: mark, text: problem.text) }
            if components.isEmpty { return problem }
            components.removeLast()
        }
    }
}
