/// What one range of ESPHome releases does with a wake-word model: what it loads, how it feeds it and how
/// it decides a detection. One row of `ReleaseTable`.
public struct ReleaseBehaviour: Sendable, Hashable {
    /// The first release of the range (the range ends where the next row starts).
    public let firstRelease: ESPHomeVersion
    /// A short name for the range ("2025.6 – 2026.3").
    public let name: String
    public let operators: OperatorSet
    /// Manifest versions the release accepts (V1 manifests are converted from 2024.7 on).
    public let manifestVersions: Set<Int>
    public let features: FeatureSource
    /// Inference steps run on an uninitialised feature buffer before the frontend's first frame (the stride
    /// grouping shifts by this many features).
    public let garbageSteps: Int
    public let arena: ArenaBehaviour
    public let detection: DetectionRule
    public let ignoreCounter: IgnoreCounter
    public let afterDetection: AfterDetection
    /// The TFLite Micro the firmware builds.
    public let tfliteMicro: String
    /// Where the facts of this row come from.
    public let sources: String

    /// How the firmware computes the features it feeds the model.
    public enum FeatureSource: String, Sendable, Hashable {
        /// An int8 TFLite preprocessor model (2024.2 – 2024.6), which wakesmith does not emulate.
        case preprocessorModel
        /// TFLite Micro's C micro frontend and the integer int8 mapping (SPEC §1), as `Frontend` computes it.
        case microFrontend
    }

    /// How the firmware sizes the tensor arena.
    public enum ArenaBehaviour: Sendable, Hashable {
        /// A fixed size whatever the manifest says.
        case fixed(Int)
        /// Exactly the manifest's `tensor_arena_size` (V1 manifests: `v1Size`); too small and the model never runs.
        case manifest(v1Size: Int)
        /// Tries the manifest size ×1, ×1.5, ×2 (16-byte rounded), then shrinks to `arena_used_bytes` + 16
        /// rounded, + 16 (2026.4+). The first attempt must succeed: the retry path can crash (#17750).
        case probe(v1Size: Int)
    }

    /// The sliding-window test on the last `sliding_window_size` uint8 outputs.
    public enum DetectionRule: String, Sendable, Hashable {
        /// `float(sum) / float(255·N) > cutoff` (single precision), checked on every feature step.
        case floatAverage
        /// `sum > int(cutoff·255)·N` in integers, checked once per new output (2025.5+).
        case integerSum
    }

    /// The counter that suppresses detections for ~1 s after start and after each detection.
    public struct IgnoreCounter: Sendable, Hashable {
        /// Its value at start and after a detection (counts up to 0; detection needs ≥ 0).
        public let start: Int
        /// Whether it rises on every feature step or only while the newest output is below the cutoff.
        public let risesOnlyBelowCutoff: Bool
    }

    /// What happens after a detection.
    public enum AfterDetection: String, Sendable, Hashable {
        /// The component stops: models unloaded, frontend freed; the next start is fresh.
        case stops
        /// YAML `stop_after_detection` (default true) chooses: stop, or reset the window and go on.
        case configurable
    }

    /// Whether wakesmith can reproduce this release's detections from audio.
    public var isEmulated: Bool { features == .microFrontend }
}
