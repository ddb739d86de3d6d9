import Emulator
import TFLiteFormat

/// The tensor arena written into the manifest: the emulator's predicted minimum on every target it models
/// — an ESP32 and an ESP32-S3 (with ESP-NN's scratch buffers) at every start alignment their heaps allow,
/// and the host's tflite-micro (64-bit, so usually the largest) — the largest of them plus a stated
/// margin, rounded up to 16 bytes. The margin is room for what the prediction cannot know: TFLite Micro
/// and ESP-NN releases that ask for more (the official manifests sit 6–23 % above the host minimum, SPEC §2).
public struct ArenaBudget: Sendable, Equatable {
    /// The prediction for each target.
    public var predictions: [ArenaTarget: ArenaPrediction]
    public var margin: Double
    /// What the manifest says (`tensor_arena_size`).
    public var manifestBytes: Int

    public init(model: TFLiteModel, margin: Double) throws(EmulatorError) {
        var predictions: [ArenaTarget: ArenaPrediction] = [:]
        for target in ArenaTarget.allCases { predictions[target] = try ArenaPrediction(model: model, target: target) }
        self.predictions = predictions
        self.margin = margin
        manifestBytes = Self.withMargin(predictions.values.map(\.minimumBytes).max() ?? 0, margin)
    }

    /// The predicted minimum on `target`.
    public func minimum(_ target: ArenaTarget) -> Int { predictions[target]?.minimumBytes ?? 0 }

    /// The target with the largest need.
    public var largest: ArenaTarget {
        ArenaTarget.allCases.max { minimum($0) < minimum($1) } ?? .host64
    }

    /// "ESP32 10320, ESP32-S3 12500, host 14656".
    public var summary: String {
        ArenaTarget.allCases.map { "\($0.displayName) \(minimum($0))" }.joined(separator: ", ")
    }

    /// `bytes × (1 + margin)`, rounded up to a multiple of 16.
    public static func withMargin(_ bytes: Int, _ margin: Double) -> Int {
        let value = Int((Double(bytes) * (1 + margin)).rounded(.up))
        return (value + 15) / 16 * 16
    }
}
