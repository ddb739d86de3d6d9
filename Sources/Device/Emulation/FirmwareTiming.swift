/// What a device's sample counts mean (docs/device-protocol.md §5): feature `k` of a stream is complete
/// after `480 + k·step` samples (a 30 ms window, then one feature per step).
public enum FirmwareTiming {
    /// Samples before the first feature: the frontend's 30 ms window.
    public static let firstFeatureSamples = 480

    /// The stream samples after which feature `feature` is complete.
    public static func samples(afterFeature feature: Int, step: Int = 160) -> Int { firstFeatureSamples + feature * step }

    /// The feature a report's sample count stamps (the last feature complete by then).
    public static func feature(atSamples samples: Int, step: Int = 160) -> Int { (samples - firstFeatureSamples) / max(1, step) }
}
