// libFuzzer entry point: hostile bytes into the .tflite reader, and whatever it accepts into the emulator's
// preparation, one invocation, and the arena prediction. Any trap, sanitizer report or hang is a bug:
// bad input must end in a typed error. Built by run-tflite-fuzzer.sh with `-sanitize=fuzzer,address`.
import Emulator
import TFLiteFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: count))
    guard let model = try? TFLiteModel(bytes: bytes) else { return 0 }
    // Keep hostile graphs small enough that one run stays fast.
    let tensors = model.subgraphs.reduce(0) { $0 + $1.tensors.count }
    guard tensors < 4096 else { return 0 }
    if let interpreter = try? Interpreter(model: model) {
        for index in interpreter.inputs.indices {
            let zeros = [Int8](repeating: 0, count: interpreter.inputs[index].byteCount)
            try? interpreter.setInput(index, int8: zeros)
        }
        interpreter.invoke()
        for index in interpreter.outputs.indices { _ = interpreter.output(index) }
    }
    _ = try? ArenaPrediction(model: model, target: .host64)
    return 0
}
