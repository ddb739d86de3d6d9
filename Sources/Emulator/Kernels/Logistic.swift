import Foundation
import TFLiteFormat

/// LOGISTIC, int8 (`logistic_common.cc`, `reference/integer_ops/logistic.h`): gemmlowp's fixed-point
/// sigmoid on Q4.27 inputs. The output zero point must be −128 (its scale is assumed to be 1/256, not
/// checked). With 256 possible inputs the kernel is tabulated once at preparation.
enum LogisticKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let inSpec = graph[input], outSpec = graph[output]
        guard inSpec.type == outSpec.type else { throw node.fail("outputs \(outSpec.type) from a \(inSpec.type) input") }
        _ = try graph.int8Tensor(node, input, "input")
        guard outSpec.zeroPoint == -128 else { throw node.fail("has output zero point \(outSpec.zeroPoint); int8 LOGISTIC needs −128") }
        // Prepare: frexp of s_in·2^27, the significand rounded to Q31 without the 2^31 guard.
        let real = Double(inSpec.scale) * Double(1 << 27)
        guard real.isFinite, real > 0 else { throw node.unsupported("has input scale \(inSpec.scale)") }
        let (fraction, leftShift) = frexp(real)
        let rounded = (fraction * Double(Int64(1) << 31)).rounded(.toNearestOrAwayFromZero)
        guard leftShift >= 0, leftShift <= 31 else { throw node.unsupported("has input scale \(inSpec.scale), out of the range TFLite Micro handles") }
        let multiplier = Int32(truncatingIfNeeded: Int64(rounded))
        // CalculateInputRadius(4, left_shift, 31): floor(15 · 2^27 / 2^left_shift).
        let radius = Int32(clamping: Int64((Double(15 << 27) / Double(Int64(1) << Int64(leftShift))).rounded(.down)))
        var table = [Int8](repeating: 0, count: 256)
        for value in -128 ... 127 {
            table[value + 128] = GemmlowpLogistic.int8(input: Int32(value) &- inSpec.zeroPoint, radius: radius,
                                                        multiplier: multiplier, shift: Int32(leftShift))
        }
        guard inSpec.elementCount == outSpec.elementCount, let count = inSpec.elementCount else {
            throw node.unsupported("has input \(inSpec.dims) and output \(outSpec.dims) of different sizes")
        }
        return LookupTable(input: graph.slot(input), output: graph.slot(output), count: count, table: table)
    }
}

/// An int8 → int8 (or uint8) element-wise operator computed by table lookup.
struct LookupTable: PreparedOperation {
    let input: TensorSlot
    let output: TensorSlot
    let count: Int
    let table: [Int8]

    func invoke(_ runtime: Runtime) {
        let x = runtime.uint8(input), y = runtime.int8(output)
        table.withUnsafeBufferPointer { table in
            for index in 0 ..< count { y[index] = table[Int(x[index] ^ 0x80)] }
        }
    }
}
