import Support

/// The presets (`configs/fast_test.yaml`, `standard.yaml`, `max_quality.yaml`), built into the binary at
/// build time from the files in `configs/`, which are their only copy.
public enum Presets {
    /// Preset names in the order `wakesmith init --help` lists them: cheapest first.
    public static let names = ["fast_test", "standard", "max_quality"]

    /// The preset `wakesmith init` writes when none is named.
    public static let defaultName = "fast_test"

    /// The YAML text of a preset.
    public static func text(of name: String) throws(ConfigError) -> String {
        guard names.contains(name), let text = embeddedPresets.first(where: { $0.name == name })?.text else {
            let suggestion = closestMatch(name).map { "; did you mean '\($0)'?" } ?? ""
            throw ConfigError(source: "preset \(name)",
                              "unknown preset (choose from \(names.joined(separator: ", ")))\(suggestion)")
        }
        return text
    }

    /// A preset as typed values, with relative paths resolved against `base` (the project folder).
    public static func load(_ name: String, base: String) throws(ConfigError) -> WakesmithConfig {
        try ConfigLoader.parse(try text(of: name), source: "preset \(name)", base: base)
    }

    private static func closestMatch(_ name: String) -> String? {
        Support.closestMatch(to: name, among: names)
    }
}
