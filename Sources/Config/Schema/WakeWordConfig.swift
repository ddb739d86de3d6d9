/// `wake_word:` what the manifest says about the model.
public struct WakeWordConfig: ConfigSection, Equatable {
    /// The wake phrase as written in the manifest (`hey jarvis`; the manifest capitalises it).
    public var phrase = "hey jarvis"
    /// The manifest's `author`.
    public var author = "wakesmith user"
    /// The manifest's `website` (a URL), or nil to leave it out.
    public var website: String?
    /// The manifest's `trained_languages`.
    public var languages = ["en"]

    public init() {}

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("phrase", \.phrase),
            ConfigField("author", \.author),
            ConfigField("website", \.website),
            ConfigField("languages", \.languages),
        ]
    }
}
