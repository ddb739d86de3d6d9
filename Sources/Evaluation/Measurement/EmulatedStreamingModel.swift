import ESPHome
import Emulator
import TFLiteFormat

/// The exported int8 streaming model run by the emulator's TFLite Micro interpreter (bit-exact with the
/// device's kernels), as evaluation's `StreamingModel`: `stride` int8 feature rows in, the uint8 output out,
/// the model's ring buffers carried in its resource variables until `reset()`.
///
/// Each instance owns one interpreter; `StreamMeasurer` makes one per worker.
public struct EmulatedStreamingModel: StreamingModel {
    public let interpreter: Interpreter
    public let stride: Int
    public let channelCount: Int

    /// Prepares `model` as the firmware does (ESPHome's limits on resource variables) and checks that it has
    /// the int8 `[1, stride, 40]` input and uint8 output the firmware feeds and reads.
    public init(model: TFLiteModel) throws(EvaluationError) {
        let interpreter: Interpreter
        do {
            interpreter = try Interpreter(model: model)
        } catch {
            throw .modelNotRunnable(error.description)
        }
        guard let input = interpreter.inputs.first, input.type == .int8, input.shape.count == 3, input.shape[0] == 1,
              (1 ... DeviceLimits.maxStride).contains(input.shape[1]), input.shape[2] == DeviceLimits.featureCount,
              let output = interpreter.outputs.first, output.type == .uint8, output.byteCount >= 1
        else {
            throw .modelNotRunnable("it does not have the int8 [1, stride, \(DeviceLimits.featureCount)] input and uint8 output the firmware feeds")
        }
        self.interpreter = interpreter
        stride = input.shape[1]
        channelCount = input.shape[2]
    }

    public mutating func reset() {
        interpreter.reset()
    }

    public mutating func infer(_ input: UnsafeBufferPointer<Int8>) throws -> UInt8 {
        let destination = interpreter.inputBuffer(0)
        guard input.count == destination.count else {
            throw EvaluationError.modelNotRunnable("an inference takes \(destination.count) int8 values, not \(input.count)")
        }
        if let base = input.baseAddress, let target = destination.baseAddress {
            target.copyMemory(from: base, byteCount: input.count)
        }
        interpreter.invoke()
        return interpreter.outputByte(0)
    }
}
