import Foundation
import Support

/// One key of a configuration section: its YAML name, the property it fills, and the checks on its value.
/// A section's `fields` list is the one place its keys are spelt; reading, printing, "did you mean",
/// path resolution and the configuration reference (`ConfigReference`) all come from it, and `doc` is the one
/// place a key's meaning is written.
public struct ConfigField<Section> {
    public let key: String
    public let typeName: String
    /// Whether the key must be given (a few keys, such as a feature set's `name`, have no default).
    public let isRequired: Bool
    /// What the key means, for docs/config-reference.md (one or two sentences, Markdown).
    public let doc: String
    /// What the value checks allow (`≥ 1`), for the reference.
    public let allowed: [String]
    /// The section type the key holds (itself, or in a list or optional), whose keys the reference lists below.
    public let nestedSection: (any ConfigSection.Type)?
    let decode: (inout Section, YAMLNode, ConfigPath, inout ConfigDiagnostics) -> Void
    let encode: (Section) -> JSONValue
    let resolve: (inout Section, String) -> Void

    /// A key holding `Value`, checked by `checks` after it is read.
    public init<Value: ConfigValue>(_ key: String, _ keyPath: WritableKeyPath<Section, Value>,
                                    required: Bool = false, _ checks: ValueCheck<Value>..., doc: String)
    {
        self.key = key
        typeName = Value.typeName
        isRequired = required
        self.doc = doc
        allowed = checks.map(\.summary)
        nestedSection = Value.nestedSection
        decode = { section, node, path, diagnostics in
            guard let value = Value.decode(node, at: path, diagnostics: &diagnostics) else { return }
            var valid = true
            for check in checks {
                if let failure = check.failure(value) {
                    diagnostics.report(failure, at: path, mark: node.mark)
                    valid = false
                }
            }
            if valid { section[keyPath: keyPath] = value }
        }
        encode = { $0[keyPath: keyPath].encoded }
        resolve = { section, base in section[keyPath: keyPath] = section[keyPath: keyPath].resolvingPaths(against: base) }
    }

    /// An optional key (null allowed) whose value, when present, is checked by `checks`.
    public init<Value: ConfigValue>(_ key: String, _ keyPath: WritableKeyPath<Section, Value?>, _ checks: ValueCheck<Value>...,
                                    doc: String)
    {
        self.key = key
        typeName = Value?.typeName
        isRequired = false
        self.doc = doc
        allowed = checks.map(\.summary)
        nestedSection = Value.nestedSection
        decode = { section, node, path, diagnostics in
            guard let value = Value?.decode(node, at: path, diagnostics: &diagnostics) else { return }
            var valid = true
            if let present = value {
                for check in checks {
                    if let failure = check.failure(present) {
                        diagnostics.report(failure, at: path, mark: node.mark)
                        valid = false
                    }
                }
            }
            if valid { section[keyPath: keyPath] = value }
        }
        encode = { $0[keyPath: keyPath].encoded }
        resolve = { section, base in section[keyPath: keyPath] = section[keyPath: keyPath].resolvingPaths(against: base) }
    }

    /// A file or folder path: text in the file, made absolute against the config file's folder on loading.
    public static func path(_ key: String, _ keyPath: WritableKeyPath<Section, String>, required: Bool = false,
                            doc: String) -> ConfigField
    {
        ConfigField(key: key, typeName: "path", isRequired: required, doc: doc,
                    decode: { section, node, path, diagnostics in
                        guard let text = String.decode(node, at: path, diagnostics: &diagnostics) else { return }
                        guard !text.isEmpty else {
                            diagnostics.report("expected a path, got empty text", at: path, mark: node.mark)
                            return
                        }
                        section[keyPath: keyPath] = text
                    },
                    encode: { .string($0[keyPath: keyPath]) },
                    resolve: { section, base in section[keyPath: keyPath] = resolvedPath(section[keyPath: keyPath], base: base) })
    }

    private init(key: String, typeName: String, isRequired: Bool, doc: String,
                 decode: @escaping (inout Section, YAMLNode, ConfigPath, inout ConfigDiagnostics) -> Void,
                 encode: @escaping (Section) -> JSONValue, resolve: @escaping (inout Section, String) -> Void)
    {
        self.key = key
        self.typeName = typeName
        self.isRequired = isRequired
        self.doc = doc
        allowed = []
        nestedSection = nil
        self.decode = decode
        self.encode = encode
        self.resolve = resolve
    }
}
