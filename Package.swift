// swift-tools-version: 6.0
// wakesmith: custom wake words for ESPHome's micro_wake_word, checked on the host and on the device.
//
// Layers (SwiftPM refuses cycles, so the build enforces them; arrows point to what a module imports):
//   wakesmith (executable) → WakesmithCLI → Pipeline → the stages
//   Device      → Emulator, Frontend, AudioIO, ESPHome, Reporting, CSerialPort, CALSA
//   Evaluation  → Emulator, Features, Frontend, TFLiteFormat, ESPHome, Config, Metrics, Reporting
//   Export      → Training, Features, TFLiteFormat, Emulator, ESPHome, Config, Metrics
//   Training    → Features, Metrics, COpenBLAS
//   Features    → Dataset, Frontend, DSP, AudioIO
//   Verification→ Emulator, ESPHome, TFLiteFormat
//   Emulator    → TFLiteFormat, Frontend, ESPHome
//   Dataset     → AudioIO, DSP, Config
//   Frontend, TFLiteFormat, ESPHome, DSP, AudioIO, Config → Support (and their C libraries)
//   Metrics (SPEC §5 definitions, shared by Training and Evaluation) → ESPHome (the firmware's quantized cutoff)
//   Reporting (SVG charts, HTML pages and sections, shared by Evaluation and Device) → Support
import PackageDescription

/// A library module of one stage; its sources are `Sources/<name>`.
func stage(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, exclude: ["README.md"])
}

/// The tests of one module; they are `Tests/<name>Tests` and may use the shared test helpers.
/// `exclude` names folders the tests read from the source tree (`["Fixtures"]`).
func tests(_ module: String, _ extra: [Target.Dependency] = [], exclude: [String] = []) -> Target {
    .testTarget(name: "\(module)Tests", dependencies: [.target(name: module), "TestSupport"] + extra,
                exclude: exclude)
}

let package = Package(
    name: "wakesmith",
    products: [
        .executable(name: "wakesmith", targets: ["wakesmith"]),
    ],
    targets: [
        // System C libraries from Debian, found through pkg-config.
        .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CSerialPort", pkgConfig: "libserialport", providers: [.apt(["libserialport-dev"])]),
        .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .target(name: "CShims", linkerSettings: [.linkedLibrary("asound")]),
        .target(name: "CKernels", exclude: ["README.md"]),

        // The ground: no knowledge of wake words.
        stage("Support", []),
        stage("DSP", ["Support", "CSoxr"]),
        stage("AudioIO", ["Support", "CSndFile"]),
        .target(name: "Config", dependencies: ["Support", "CYAML"], exclude: ["README.md"],
                plugins: [.plugin(name: "EmbedPresets")]),
        // Build-time embedding of the presets in configs/ into Config (they exist once, in configs/).
        .executableTarget(name: "PresetEmbedder"),
        .plugin(name: "EmbedPresets", capability: .buildTool(), dependencies: ["PresetEmbedder"]),
        stage("TFLiteFormat", ["Support"]),
        stage("ESPHome", ["Support"]),
        stage("Emulator", ["Support", "TFLiteFormat", "ESPHome", "Frontend"]),
        stage("Verification", ["Support", "TFLiteFormat", "ESPHome", "Emulator"]),

        // Stages are added here as they are ported (see the layering above).
        stage("Dataset", ["Support", "AudioIO", "DSP", "Config"]),
        stage("Metrics", ["ESPHome"]),
        stage("Training", ["Support", "Metrics", "Config", "Features", "COpenBLAS", "CKernels"]),
        stage("Frontend", ["Support"]),
        stage("Reporting", ["Support"]),
        stage("Evaluation", ["Support", "Config", "Frontend", "Features", "TFLiteFormat", "Emulator", "ESPHome", "Metrics", "Reporting"]),
        stage("Device", ["Support", "CSerialPort", "CALSA", "CShims", "Emulator", "Frontend", "AudioIO", "ESPHome", "Reporting", "TFLiteFormat"]),
        stage("Features", ["Support", "Frontend", "DSP", "AudioIO", "Dataset"]),
        stage("Export", ["Support", "Config", "Training", "Features", "Frontend", "TFLiteFormat", "Emulator", "ESPHome", "Metrics"]),
        stage("Pipeline", ["Support", "Config", "AudioIO", "Dataset", "Features", "Training", "Export", "Evaluation", "ESPHome", "Verification", "Device", "CSndFile", "CYAML", "CSoxr", "COpenBLAS", "CSerialPort", "CALSA"]),

        // The command line: one file per command, a thin layer over the stages.
        stage("WakesmithCLI", ["Support", "Config", "Dataset", "Training", "Frontend", "AudioIO", "Features", "Emulator", "Verification", "ESPHome", "Export", "Evaluation", "Device", "Pipeline"]),
        .executableTarget(name: "wakesmith", dependencies: ["WakesmithCLI"]),

        // Tests (Swift Testing only: `swift test --disable-xctest`).
        .target(name: "TestSupport", dependencies: ["Support", "AudioIO"], path: "Tests/TestSupport"),
        // Device test helpers shared by DeviceTests and the device command tests (public API of Device only).
        .target(name: "DeviceTestSupport", dependencies: ["Device", "TestSupport", "Support", "AudioIO"],
                path: "Tests/DeviceTestSupport", exclude: ["README.md"]),
        tests("Support"),
        tests("DSP"),
        tests("AudioIO"),
        tests("Frontend", exclude: ["Fixtures"]),
        tests("Config", exclude: ["Fixtures"]),
        tests("Dataset", exclude: ["Fixtures"]),
        tests("Features", ["AudioIO", "DSP", "Frontend"]),
        tests("WakesmithCLI", ["AudioIO", "Features", "Frontend", "Training", "Emulator", "ESPHome", "TFLiteFormat", "DeviceTestSupport"]),
        tests("TFLiteFormat"),
        tests("ESPHome"),
        tests("Emulator", exclude: ["Fixtures"]),
        tests("Verification"),
        tests("Metrics", exclude: ["Fixtures"]),
        tests("Training", exclude: ["Fixtures"]),
        tests("Reporting"),
        tests("Evaluation", exclude: ["Fixtures"]),
        tests("Device", ["DeviceTestSupport"], exclude: ["Fixtures"]),
        tests("Pipeline", ["Config", "Dataset", "AudioIO"]),
        tests("Export", ["Config", "Training", "Features", "TFLiteFormat", "Emulator", "ESPHome", "Frontend", "Verification"]),
        // docs/: every typed error's message is explained in docs/troubleshooting.md.
        .testTarget(name: "DocsTests", dependencies: ["TestSupport", "Support", "Config", "AudioIO", "Dataset", "Features",
                                                     "Frontend", "TFLiteFormat", "ESPHome", "Emulator", "Verification",
                                                     "Evaluation", "Export", "Training", "Reporting", "Device"]),
    ]
)
