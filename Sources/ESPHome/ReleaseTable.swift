/// ESPHome's `micro_wake_word` across releases, kept in one place: which operators, manifests and arena
/// behaviour each release has, how it feeds the model and how it detects. See README.md for the table
/// with its sources.
public enum ReleaseTable {
    /// Rows in release order; each row holds until the next row's first release.
    public static let rows: [ReleaseBehaviour] = [
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2024, 2), name: "2024.2", operators: .fourteen, manifestVersions: [1],
            features: .preprocessorModel, garbageSteps: 0, arena: .fixed(64000), detection: .floatAverage,
            ignoreCounter: .init(start: -74, risesOnlyBelowCutoff: false), afterDetection: .stops,
            tfliteMicro: "esp-tflite-micro (git HEAD)",
            sources: "esphome git tag 2024.2.0: micro_wake_word.{h,cpp} (MicroMutableOpResolver<14>, MIN_SLICES_BEFORE_DETECTION 74, fixed arena 64000 + preprocessor model)"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2024, 3), name: "2024.3 – 2024.6", operators: .seventeen, manifestVersions: [1],
            features: .preprocessorModel, garbageSteps: 0, arena: .fixed(64000), detection: .floatAverage,
            ignoreCounter: .init(start: -74, risesOnlyBelowCutoff: false), afterDetection: .stops,
            tfliteMicro: "esp-tflite-micro v1.3.1 (pinned in 2024.6.x, #6906)",
            sources: "esphome PR #6360 (2024.3.0: DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D); git tags 2024.3.0 – 2024.6.0"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2024, 7), name: "2024.7 – 2025.4", operators: .twenty, manifestVersions: [1, 2],
            features: .microFrontend, garbageSteps: 2, arena: .manifest(v1Size: 45672), detection: .floatAverage,
            ignoreCounter: .init(start: -74, risesOnlyBelowCutoff: false), afterDetection: .stops,
            tfliteMicro: "esp-tflite-micro v1.3.1, esp-nn 1.1.0",
            sources: "esphome PR #7032 (2024.7.0, manifest V2, MicroMutableOpResolver<20>); git tag 2024.7.0 streaming_model.cpp (float average > cutoff), micro_wake_word.cpp (global ignore −74 per step, features from an uninitialised buffer until the frontend's first frame)"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2025, 5), name: "2025.5", operators: .twenty, manifestVersions: [1, 2],
            features: .microFrontend, garbageSteps: 2, arena: .manifest(v1Size: 45672), detection: .integerSum,
            ignoreCounter: .init(start: -100, risesOnlyBelowCutoff: false), afterDetection: .configurable,
            tfliteMicro: "esp-tflite-micro v1.3.3.1",
            sources: "esphome 2025.5.0 wheel: streaming_model.{h,cpp} (uint8 sum > cutoff·N, per-model ignore −100, unprocessed-probability flag), micro_wake_word.cpp (mww task, stop_after_detection)"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2025, 6), name: "2025.6 – 2026.3", operators: .twenty, manifestVersions: [1, 2],
            features: .microFrontend, garbageSteps: 2, arena: .manifest(v1Size: 45672), detection: .integerSum,
            ignoreCounter: .init(start: -100, risesOnlyBelowCutoff: true), afterDetection: .configurable,
            tfliteMicro: "esp-tflite-micro 1.3.3~1 (registry, 2025.7+)",
            sources: "esphome 2025.6.0 wheel: streaming_model.cpp (the ignore counter rises only while the newest output is below the cutoff)"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2026, 4), name: "2026.4 – 2026.5", operators: .twenty, manifestVersions: [1, 2],
            features: .microFrontend, garbageSteps: 2, arena: .probe(v1Size: 45672), detection: .integerSum,
            ignoreCounter: .init(start: -100, risesOnlyBelowCutoff: true), afterDetection: .configurable,
            tfliteMicro: "esp-tflite-micro 1.3.3~1, esp-nn 1.1.2 (pinned, PR #15628)",
            sources: "esphome PR #15628 (arena probe ×1/×1.5/×2 then shrink, \"Probed tensor arena size\"); esphome/esphome#17750 (crash in the retry path); shared/notes/firmware_harness.md §4"),
        ReleaseBehaviour(
            firstRelease: ESPHomeVersion(2026, 6), name: "2026.6 and later", operators: .twenty, manifestVersions: [1, 2],
            features: .microFrontend, garbageSteps: 0, arena: .probe(v1Size: 45672), detection: .integerSum,
            ignoreCounter: .init(start: -100, risesOnlyBelowCutoff: true), afterDetection: .configurable,
            tfliteMicro: "esp-tflite-micro 1.3.3~1, esp-nn 1.1.2",
            sources: "esphome 2026.6.0 wheel: micro_wake_word.cpp (inference only when the frontend produced a feature); 2026.10.0 wheel unchanged for detection"),
    ]

    /// The release the emulator and `verify` assume when none is given (SPEC §6).
    public static let defaultRelease = ESPHomeVersion(2026, 6, 0)

    /// The first release that reads V2 manifests (`minimum_esphome_version` floor for new models).
    public static let firstV2Release = ESPHomeVersion(2024, 7, 0)

    /// The behaviour of `release`, or nil for releases before micro_wake_word existed (< 2024.2).
    public static func behaviour(of release: ESPHomeVersion) -> ReleaseBehaviour? {
        rows.last { $0.firstRelease <= release }
    }

    /// One representative release per row (its first), for compatibility matrices.
    public static var representativeReleases: [ESPHomeVersion] { rows.map(\.firstRelease) }

    /// The first release whose operator set contains every operator in `ops` (and reads V2 manifests when
    /// `manifestVersion` is 2), or nil when no release registers them all.
    public static func minimumRelease(forOperators ops: some Collection<String>, manifestVersion: Int = 2) -> ESPHomeVersion? {
        rows.first { ops.allSatisfy($0.operators.contains) && $0.manifestVersions.contains(manifestVersion) }?
            .firstRelease
    }
}
