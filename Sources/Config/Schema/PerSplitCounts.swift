import Support

/// A whole number per feature split (`{training: 10, validation: 1, testing: 1}`), each at least 1.
/// A split left out counts 1, which is what the Python reference's stages read for a missing entry.
public struct PerSplitCounts: ConfigValue, Equatable {
    public var training: Int
    public var validation: Int
    public var testing: Int

    public init(training: Int, validation: Int, testing: Int) {
        self.training = training
        self.validation = validation
        self.testing = testing
    }

    /// The count for a split named `training`, `validation` or `testing`.
    public subscript(split: String) -> Int? {
        switch split {
        case "training": training
        case "validation": validation
        case "testing": testing
        default: nil
        }
    }

    public static var typeName: String { "{training: N, validation: N, testing: N}" }

    public var encoded: JSONValue {
        ["training": .integer(training), "validation": .integer(validation), "testing": .integer(testing)]
    }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> PerSplitCounts? {
        guard case let .mapping(pairs, _) = node else {
            diagnostics.report("expected a mapping like {training: 10, validation: 1, testing: 1}, got \(node.shortDescription)",
                               at: path, mark: node.mark)
            return nil
        }
        var counts = PerSplitCounts(training: 1, validation: 1, testing: 1)
        var valid = true
        for pair in pairs {
            let keyPath = path.appending(pair.key)
            guard let count = Int.decode(pair.value, at: keyPath, diagnostics: &diagnostics) else {
                valid = false
                continue
            }
            if count < 1 {
                diagnostics.report("must be at least 1, got \(count)", at: keyPath, mark: pair.value.mark)
                valid = false
            }
            switch pair.key {
            case "training": counts.training = count
            case "validation": counts.validation = count
            case "testing": counts.testing = count
            default:
                diagnostics.report(text: "unknown split '\(keyPath)': use training, validation or testing", at: keyPath, mark: pair.keyMark)
                valid = false
            }
        }
        return valid ? counts : nil
    }
}

/// `features.ambient_fraction`: `[validation share, testing share]` of a held-out background file.
public struct AmbientShares: ConfigValue, Equatable {
    public var validation: Double
    public var testing: Double

    public init(validation: Double, testing: Double) {
        self.validation = validation
        self.testing = testing
    }

    public static var typeName: String { "[validation share, testing share]" }

    public var encoded: JSONValue { .array([.number(validation), .number(testing)]) }

    public static func decode(_ node: YAMLNode, at path: ConfigPath, diagnostics: inout ConfigDiagnostics) -> AmbientShares? {
        guard case let .sequence(items, _) = node, items.count == 2 else {
            diagnostics.report("expected [validation share, testing share], got \(node.shortDescription)", at: path, mark: node.mark)
            return nil
        }
        var shares: [Double] = []
        for (index, item) in items.enumerated() {
            let itemPath = path.appending(index: index)
            guard let share = Double.decode(item, at: itemPath, diagnostics: &diagnostics) else { return nil }
            guard (0 ... 1).contains(share) else {
                diagnostics.report("must be from 0 to 1, got \(share)", at: itemPath, mark: item.mark)
                return nil
            }
            shares.append(share)
        }
        return AmbientShares(validation: shares[0], testing: shares[1])
    }
}
