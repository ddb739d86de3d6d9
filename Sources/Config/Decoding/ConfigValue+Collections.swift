import Support

extension Array: ConfigValue where Element: ConfigValue {
    /// "list of integers"; "list of (true/false)" where the element's name is not one word.
    public static var typeName: String {
        let element = Element.typeName
        return element.allSatisfy(\.isLetter) ? "list of \(element)s" : "list of (\(element))"
    }
    public static var nestedSection: (any ConfigSection.Type)? { Element.nestedSection }
    public var encoded: JSONValue { .array(map(\.encoded)) }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> [Element]? {
        guard case let .sequence(items, _) = node else {
            diagnostics.report("expected a list, got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        var values: [Element] = []
        var complete = true
        for (index, item) in items.enumerated() {
            if let value = Element.decode(item, at: path.appending(index: index), diagnostics: &diagnostics) {
                values.append(value)
            } else {
                complete = false
            }
        }
        return complete ? values : nil
    }

    public func resolvingPaths(against base: String) -> [Element] {
        map { $0.resolvingPaths(against: base) }
    }
}

extension Optional: ConfigValue where Wrapped: ConfigValue {
    public static var typeName: String { "\(Wrapped.typeName) or null" }
    public static var nestedSection: (any ConfigSection.Type)? { Wrapped.nestedSection }
    public var encoded: JSONValue { map(\.encoded) ?? .null }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> Wrapped?? {
        if case .null? = node.resolvedScalar { return .some(nil) }
        guard let value = Wrapped.decode(node, at: path, diagnostics: &diagnostics) else { return nil }
        return .some(value)
    }

    public func resolvingPaths(against base: String) -> Wrapped? {
        map { $0.resolvingPaths(against: base) }
    }
}

/// `[low, high]` in YAML; Python's `tuple[float, float]` with its `low <= high` check.
extension ClosedRange: ConfigValue where Bound == Double {
    public static var typeName: String { "[low, high]" }
    public var encoded: JSONValue { .array([.number(lowerBound), .number(upperBound)]) }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> ClosedRange<Double>? {
        guard case let .sequence(items, _) = node, items.count == 2 else {
            diagnostics.report("expected [low, high], got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        guard let low = Double.decode(items[0], at: path.appending(index: 0), diagnostics: &diagnostics),
              let high = Double.decode(items[1], at: path.appending(index: 1), diagnostics: &diagnostics)
        else { return nil }
        guard low <= high else {
            diagnostics.report("must be [low, high] with low <= high, got [\(low), \(high)]", at: path, mark: node.mark)
            return nil
        }
        return low ... high
    }
}
