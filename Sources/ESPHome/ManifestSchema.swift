import Support

/// The manifest schema ESPHome validates (`MANIFEST_SCHEMA_V2`, byte-identical 2024.7.0 – 2026.6.5, and
/// `MANIFEST_SCHEMA_V1`), as key lists and rules; `ManifestReader` applies them.
public enum ManifestSchema {
    public static let v2TopLevelKeys = ["type", "wake_word", "author", "website", "model", "trained_languages", "version", "micro"]
    public static let v2OptionalKeys: Set<String> = ["website"]
    public static let v2MicroKeys = ["probability_cutoff", "feature_step_size", "sliding_window_size", "tensor_arena_size",
                                     "minimum_esphome_version"]
    public static let v1TopLevelKeys = ["type", "wake_word", "author", "website", "model", "version", "micro"]
    public static let v1MicroKeys = ["probability_cutoff", "sliding_window_average_size", "minimum_esphome_version"]
    public static let v1OptionalMicroKeys: Set<String> = ["minimum_esphome_version"]
    public static let maxFeatureStepSize = 30
    /// ESPHome 2024.7+ converts V1 manifests with these.
    public static let v1ConvertedArenaSize = 45672
    public static let v1ConvertedStepSize = 20
    /// What ESPHome prints for an extra key, which says nothing about the key.
    public static let extraKeyMessage = "[micro_wake_word] is an invalid option"
}
