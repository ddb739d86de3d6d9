import Emulator
import ESPHome
import Foundation
import Support
import TFLiteFormat

/// A model as the host predicts the device runs it: its manifest's settings, the model's bytes (whose hash
/// the device reports), its stride, and the tensor arena the emulator predicts for each board. The virtual
/// device runs these, and `device test` and `device fah` compare a device with them.
public struct HostModel: Sendable {
    public let harness: HarnessModel
    public let manifest: Manifest
    public let model: TFLiteModel
    /// Features per inference (the input's second dimension).
    public let stride: Int
    /// The emulator's arena predictions for a plain ESP32 and an ESP32-S3.
    public let arenaESP32: Int
    public let arenaESP32S3: Int

    /// Reads a V2 (or V1) manifest and the model it names.
    public init(manifest url: URL) throws {
        harness = try HarnessModel(manifest: url)
        switch ManifestReader.read(contentsOf: url) {
        case let .failure(error): throw Failure(error.message, hint: error.hint)
        case let .success(read): manifest = read.effective
        }
        do {
            model = try TFLiteModel(contentsOf: harness.tflite)
        } catch {
            throw Failure(error.description, hint: "export the model again (`wakesmith export`)")
        }
        let interpreter = try Self.interpreter(for: model, path: harness.tflite.path)
        guard let input = interpreter.inputs.first, input.shape.count == 3 else {
            throw Failure("\(harness.tflite.path) has no [1, stride, 40] input", hint: "only micro_wake_word streaming models run on the device")
        }
        stride = input.shape[1]
        do {
            arenaESP32 = try ArenaPrediction(model: model, target: .esp32).minimumBytes
            arenaESP32S3 = try ArenaPrediction(model: model, target: .esp32s3).minimumBytes
        } catch {
            throw Failure("the emulator cannot predict the arena of \(harness.tflite.path): \(error.description)")
        }
    }

    static func interpreter(for model: TFLiteModel, path: String) throws -> Interpreter {
        do { return try Interpreter(model: model) } catch {
            throw Failure("the emulator cannot run \(path): \(error.description)", hint: "`wakesmith verify` says what the device would refuse")
        }
    }

    /// A fresh interpreter of the model.
    public func makeInterpreter() throws -> Interpreter { try Self.interpreter(for: model, path: harness.tflite.path) }

    /// The detection settings from the manifest.
    public var settings: DevicePipeline.ModelSettings { DevicePipeline.ModelSettings(manifest) }

    /// The model as a device announces it (`MODEL`).
    public var announced: DeviceIdentity.Model {
        DeviceIdentity.Model(id: harness.id, wakeWord: harness.wakeWord, hash: harness.hash,
                             cutoff: Int(manifest.micro.probabilityCutoff * 255), slidingWindow: manifest.micro.slidingWindowSize,
                             arena: manifest.micro.tensorArenaSize)
    }

    /// The arena the emulator predicts a board uses (`arena_used_bytes()`): the ESP32-S3 figure for an
    /// ESP32-S3 and for the virtual device (which stands in for one), the ESP32 figure for a plain ESP32.
    public func predictedArena(board: String) -> Int { board == "esp32" ? arenaESP32 : arenaESP32S3 }
}
