/// Limits the micro_wake_word firmware puts on a model (ESPHome `streaming_model.{h,cpp}`; SPEC §2).
public enum DeviceLimits {
    /// Each model's `MicroResourceVariables` holds at most this many variables ("Maximum resource variable
    /// count (20) reached" beyond it). ESPHome 2024.7 – 2026.10.
    public static let maxResourceVariables = 20
    /// The separate arena each model gets for the resource-variable bookkeeping (variable data lives in the
    /// tensor arena).
    public static let variableArenaBytes = 1024
    /// The stride counter is a uint8.
    public static let maxStride = 255
    /// Features per frame (the frontend's mel channels).
    public static let featureCount = 40
    /// The flatbuffer schema version the firmware loads ("Streaming model's schema is not supported").
    public static let schemaVersion: UInt32 = 3
}
