import Support

/// A key whose value is one of a few words (`truncation_strategy: random`): a string enum.
public protocol ConfigChoice: ConfigValue, RawRepresentable, CaseIterable where RawValue == String {}

extension ConfigChoice {
    public static var typeName: String { "one of " + allCases.map(\.rawValue).joined(separator: ", ") }
    public var encoded: JSONValue { .string(rawValue) }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Self? {
        if case let .scalar(scalar, _) = node, let value = Self(rawValue: scalar.text) { return value }
        let names = allCases.map(\.rawValue)
        var message = "expected one of \(names.joined(separator: ", ")), got \(node.shortDescription)"
        if case let .scalar(scalar, _) = node, let close = closestMatch(to: scalar.text, among: names) {
            message += "; did you mean '\(close)'?"
        }
        diagnostics.report(message, at: path, mark: node.mark)
        return nil
    }
}
