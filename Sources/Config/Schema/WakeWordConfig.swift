/// The `wake_word:` section of the configuration file, described by `summary` and `fields`.
public struct WakeWordConfig: ConfigSection, Equatable {
    public var phrase = "hey jarvis"
    public var author = "wakesmith user"
    public var website: String?
    public var languages = ["en"]

    public init() {}

    public static let summary = "What the manifest says about the model."

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("phrase", \.phrase,
                        doc: "The wake phrase as written in the manifest (`hey jarvis`; the manifest capitalises it)."),
            ConfigField("author", \.author,
                        doc: "The manifest's `author`."),
            ConfigField("website", \.website,
                        doc: "The manifest's `website` (a URL), or null to leave it out."),
            ConfigField("languages", \.languages,
                        doc: "The manifest's `trained_languages`."),
        ]
    }
}
