/// A build of TFLite Micro whose tensor arena the emulator predicts.
public enum ArenaTarget: String, CaseIterable, Sendable, Hashable {
    /// The `tflite-micro` Python interpreter on a 64-bit host (the test oracle; bisected in a child process).
    case host64
    /// ESPHome on a 32-bit ESP32 (esp-tflite-micro 1.3.3, resource variables in their own 1024-byte arena).
    case esp32
    /// ESPHome on an ESP32-S3: as `esp32`, plus the scratch buffers ESP-NN 1.1.2's S3 kernels request
    /// (ESPHome pins esp-nn 1.1.2 from 2026.5; other esp-nn versions need other sizes, #15603).
    case esp32s3

    /// The device targets (a manifest's arena must satisfy all of them).
    public static let deviceTargets: [ArenaTarget] = [.esp32, .esp32s3]

    /// "host", "ESP32", "ESP32-S3".
    public var displayName: String {
        switch self {
        case .host64: "host"
        case .esp32: "ESP32"
        case .esp32s3: "ESP32-S3"
        }
    }

    var layout: TFLMStructLayout {
        switch self {
        case .host64: .pythonHost64
        case .esp32, .esp32s3: .esp32
        }
    }

    /// The Python wrapper hands TFLM its arena unaligned-as-is to a `RecordingMicroAllocator`; ESPHome's
    /// interpreter aligns the start up to 16 (`MicroAllocator::Create`).
    var alignsArenaStart: Bool { self != .host64 }

    /// The Python wrapper creates `MicroResourceVariables` (one entry per distinct shared name) inside the
    /// tensor arena; ESPHome creates its own table of 20 in a separate variable arena.
    var resourceVariablesInArena: Bool { self == .host64 }

    /// Arena start addresses modulo 16 the prediction covers: the host's `new uint8_t[]` is 16-aligned;
    /// ESPHome's heap only promises 4 bytes, so every offset is tried and the largest need kept.
    var startOffsets: [Int] {
        switch self {
        case .host64: [0]
        case .esp32, .esp32s3: [0, 4, 8, 12]
        }
    }
}
