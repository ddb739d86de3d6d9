import Emulator
import TFLiteFormat

/// The tensor arena written into the manifest: the emulator's predicted minimum on the device (ESP32,
/// every start alignment its heap allows) and on the host's tflite-micro (64-bit, so larger), the larger
/// of the two plus a stated margin, rounded up to 16 bytes.
///
/// The margin covers what the prediction does not model: the scratch buffers ESP-NN's optimised kernels
/// request on an ESP32-S3 (the official manifests sit 6–23 % above the host minimum, SPEC §2).
public struct ArenaBudget: Sendable, Equatable {
    public var device: ArenaPrediction
    public var host: ArenaPrediction
    public var margin: Double
    /// What the manifest says (`tensor_arena_size`).
    public var manifestBytes: Int

    public init(model: TFLiteModel, margin: Double) throws(EmulatorError) {
        device = try ArenaPrediction(model: model, target: .esp32)
        host = try ArenaPrediction(model: model, target: .host64)
        self.margin = margin
        manifestBytes = Self.withMargin(max(device.minimumBytes, host.minimumBytes), margin)
    }

    /// `bytes × (1 + margin)`, rounded up to a multiple of 16.
    public static func withMargin(_ bytes: Int, _ margin: Double) -> Int {
        let value = Int((Double(bytes) * (1 + margin)).rounded(.up))
        return (value + 15) / 16 * 16
    }
}
