/// A build of TFLite Micro whose tensor arena the emulator predicts.
public enum ArenaTarget: String, CaseIterable, Sendable, Hashable {
    /// The `tflite-micro` Python interpreter on a 64-bit host (the test oracle; bisected in a child process).
    case host64
    /// ESPHome on a 32-bit ESP32 (esp-tflite-micro 1.3.3, resource variables in their own 1024-byte arena).
    case esp32

    var layout: TFLMStructLayout {
        switch self {
        case .host64: .pythonHost64
        case .esp32: .esp32
        }
    }

    /// The Python wrapper hands TFLM its arena unaligned-as-is to a `RecordingMicroAllocator`; ESPHome's
    /// interpreter aligns the start up to 16 (`MicroAllocator::Create`).
    var alignsArenaStart: Bool { self == .esp32 }

    /// The Python wrapper creates `MicroResourceVariables` (one entry per distinct shared name) inside the
    /// tensor arena; ESPHome creates its own table of 20 in a separate variable arena.
    var resourceVariablesInArena: Bool { self == .host64 }

    /// Arena start addresses modulo 16 the prediction covers: the host's `new uint8_t[]` is 16-aligned;
    /// ESPHome's heap only promises 4 bytes, so every offset is tried and the largest need kept.
    var startOffsets: [Int] {
        switch self {
        case .host64: [0]
        case .esp32: [0, 4, 8, 12]
        }
    }
}
