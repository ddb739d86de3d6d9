/// A check across sections of a loaded configuration: the place for rules that no single section can see.
///
/// The built-in ones live in `builtIn`. Stages above `Config` add their own when they load a configuration
/// (`ConfigLoader.load(path:checks:)`), so a configuration they cannot use is refused before any work starts:
/// the exporter's "refuse early" checks (more than 20 state variables, ops outside ESPHome's list, an invalid
/// stride for the model) are meant to be passed in this way by the command line, which sees every module.
public struct ConfigCheck: Sendable {
    /// A short name for the rule (shown nowhere; for tests and logs).
    public let name: String
    private let run: @Sendable (WakesmithConfig) -> [ConfigProblem]

    /// `run` returns one problem per violation; `ConfigProblem(path:mark:text:)` with `mark: nil` gets the
    /// line and column of `path` in the file filled in.
    public init(name: String, _ run: @escaping @Sendable (WakesmithConfig) -> [ConfigProblem]) {
        self.name = name
        self.run = run
    }

    public func problems(_ config: WakesmithConfig) -> [ConfigProblem] {
        run(config)
    }

    /// A problem at `path` with the message `message`, written as every other problem is (`path: message`).
    public static func problem(_ message: String, at path: ConfigPath) -> ConfigProblem {
        ConfigProblem(path: path, mark: nil, text: "\(path): \(message)")
    }

    /// The checks every load runs.
    public static let builtIn: [ConfigCheck] = [uniqueFeatureSetNames]

    /// Feature sets are told apart by name in logs, stores and checkpoints.
    static let uniqueFeatureSetNames = ConfigCheck(name: "unique feature set names") { config in
        var seen: Set<String> = []
        var problems: [ConfigProblem] = []
        for (index, set) in config.training.featureSets.enumerated() where !seen.insert(set.name).inserted {
            let path = ConfigPath.root.appending("training").appending("feature_sets").appending(index: index).appending("name")
            problems.append(problem("'\(set.name)' names an earlier feature set too; give each a different name", at: path))
        }
        return problems
    }
}
