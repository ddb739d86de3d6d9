import Support

/// A type a configuration key can hold: it reads itself from a YAML node (reporting what is wrong instead
/// of throwing, so every problem of a file is listed at once), writes itself out for `wakesmith config`, and
/// makes its relative paths absolute.
public protocol ConfigValue: Sendable {
    /// The value in `node`, or nil after reporting why it is not one.
    static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Self?
    /// The value as printed by `wakesmith config` (and compared with the Python reference).
    var encoded: JSONValue { get }
    /// How the type reads in messages and the reference: "number", "list of integers".
    static var typeName: String { get }
    /// The value with relative file paths inside it made absolute against `base` (the config's folder).
    func resolvingPaths(against base: String) -> Self
    /// The section a value of this type is made of (itself, or a list's or optional's element), whose keys the
    /// configuration reference lists; nil for plain values.
    static var nestedSection: (any ConfigSection.Type)? { get }
}

extension ConfigValue {
    public func resolvingPaths(against base: String) -> Self { self }
    public static var nestedSection: (any ConfigSection.Type)? { nil }
}

extension YAMLNode {
    /// The scalar's meaning, or nil for lists and mappings.
    var resolvedScalar: YAMLScalar.Resolved? {
        if case let .scalar(scalar, _) = self { return scalar.resolved }
        return nil
    }
}

extension Int: ConfigValue {
    public static var typeName: String { "integer" }
    public var encoded: JSONValue { .integer(self) }

    /// Integers; whole floats (`2.0`) and quoted integers (`"2"`), as the Python models accept them.
    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Int? {
        switch node.resolvedScalar {
        case let .integer(value)?: return value
        case let .float(value)? where value.isFinite && value == value.rounded():
            if let exact = Int(exactly: value) { return exact }
        case let .string(text)? where Int(text) != nil: return Int(text)
        default: break
        }
        diagnostics.report("expected a whole number, got \(node.shortDescription)", at: path, mark: node.mark)
        return nil
    }
}

extension Double: ConfigValue {
    public static var typeName: String { "number" }
    public var encoded: JSONValue { .number(self) }

    /// Finite numbers, written as integers or floats (quoted numbers too, as the Python models accept them).
    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Double? {
        var value: Double?
        switch node.resolvedScalar {
        case let .integer(number)?: value = Double(number)
        case let .float(number)?: value = number
        case let .string(text)?: value = YAMLScalar.float(text) ?? YAMLScalar.integer(text).map(Double.init)
        default: value = nil
        }
        guard let value else {
            diagnostics.report("expected a number, got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        guard value.isFinite else {
            diagnostics.report("expected a finite number, got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        return value
    }
}

extension Bool: ConfigValue {
    public static var typeName: String { "true/false" }
    public var encoded: JSONValue { .bool(self) }

    /// `true`/`false` (and YAML 1.1's `yes`/`no`/`on`/`off`), or 0 and 1.
    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Bool? {
        switch node.resolvedScalar {
        case let .bool(value)?: return value
        case .integer(0)?: return false
        case .integer(1)?: return true
        case let .string(text)?:
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        default: break
        }
        diagnostics.report("expected true or false, got \(node.shortDescription)", at: path, mark: node.mark)
        return nil
    }
}

extension String: ConfigValue {
    public static var typeName: String { "text" }
    public var encoded: JSONValue { .string(self) }

    /// Text. A plain scalar YAML reads as something else (`123`, `yes`, `null`) is refused, as in the Python
    /// reference; quoting it makes it text.
    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> String? {
        if case let .scalar(scalar, _) = node, case let .string(text) = scalar.resolved { return text }
        let hint = node.resolvedScalar == nil ? "" : " (quote it to make it text: '\(Self.plainText(of: node))')"
        diagnostics.report("expected text, got \(node.shortDescription)\(hint)", at: path, mark: node.mark)
        return nil
    }

    private static func plainText(of node: YAMLNode) -> String {
        if case let .scalar(scalar, _) = node { return scalar.text }
        return ""
    }
}
