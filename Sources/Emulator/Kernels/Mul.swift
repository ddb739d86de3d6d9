import TFLiteFormat

/// MUL, int8 (`mul_common.cc`, `reference/integer_ops/mul.h`):
/// `clamp(zp_out + MultiplyByQuantizedMultiplier((x − zp1)·(y − zp2), QM(s1·s2 / s_out)))`, broadcasting.
enum MulKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: MulOptions
        if case let .mul(value) = node.options { options = value } else { options = MulOptions() }
        let first = try graph.input(node, 0), second = try graph.input(node, 1)
        let output = try graph.output(node, 0)
        guard node.inputCount == 2 else { throw node.fail("has \(node.inputCount) inputs; it needs 2") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let a = graph[first], b = graph[second], out = graph[output]
        guard a.type == b.type else { throw node.fail("multiplies \(a.type) by \(b.type)") }
        guard out.type == .int8, a.type == .int8 else {
            throw node.unsupported("multiplies \(a.type) into \(out.type); the emulator runs int8 MUL only")
        }
        guard let range = ActivationRange(options.activation, type: out.type, scale: out.scale, zeroPoint: out.zeroPoint) else {
            throw node.fail("cannot compute the \(options.activation) range of its output")
        }
        let real = Double(a.scale) * Double(b.scale) / Double(out.scale)
        guard let multiplier = QuantizedMultiplier(real) else { throw node.unsupported("has requantisation multiplier \(real)") }
        guard let indices = BroadcastIndices(a.dims, b.dims, output: out.dims), let count = out.elementCount else {
            throw node.unsupported("cannot broadcast \(a.dims) and \(b.dims) to \(out.dims)")
        }
        return Mul(first: graph.slot(first), second: graph.slot(second), output: graph.slot(output), count: count,
                   indices: indices, offset1: 0 &- a.zeroPoint, offset2: 0 &- b.zeroPoint, outputOffset: out.zeroPoint,
                   multiplier: multiplier, range: range)
    }

    struct Mul: PreparedOperation {
        let first: TensorSlot, second: TensorSlot, output: TensorSlot, count: Int
        let indices: BroadcastIndices
        let offset1: Int32, offset2: Int32, outputOffset: Int32
        let multiplier: QuantizedMultiplier
        let range: ActivationRange

        @inline(__always)
        func multiply(_ x: Int8, _ y: Int8) -> Int8 {
            let product = (offset1 &+ Int32(x)) &* (offset2 &+ Int32(y))
            return Int8(truncatingIfNeeded: range.clamp(outputOffset &+ multiplier.apply(product)))
        }

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(first), y = runtime.int8(second), z = runtime.int8(output)
            if indices.elementwise {
                for index in 0 ..< count { z[index] = multiply(x[index], y[index]) }
            } else {
                for index in 0 ..< count {
                    z[index] = multiply(x[Int(indices.first[index])], y[Int(indices.second[index])])
                }
            }
        }
    }
}
