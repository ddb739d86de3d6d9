import TFLiteFormat

/// ADD, int8 (`add_common.cc`, `reference/integer_ops/add.h`): both inputs are shifted left by 20 bits and
/// rescaled to twice the larger input scale, summed, and rescaled to the output
/// (`MultiplyByQuantizedMultiplierSmallerThanOneExp` three times), with numpy broadcasting.
enum AddKernel: Kernel {
    static let leftShift: Int32 = 20

    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: AddOptions
        if case let .add(value) = node.options { options = value } else { options = AddOptions() }
        let first = try graph.input(node, 0), second = try graph.input(node, 1)
        let output = try graph.output(node, 0)
        let a = graph[first], b = graph[second], out = graph[output]
        guard out.type == .int8, a.type == .int8, b.type == .int8 else {
            throw node.unsupported("adds \(a.type) and \(b.type) into \(out.type); the emulator runs int8 ADD only")
        }
        guard out.isQuantized else { throw node.unsupported("has an unquantized int8 output (TFLite Micro aborts)") }
        let twice = 2 * Double(max(a.scale, b.scale))
        let real1 = Double(a.scale) / twice, real2 = Double(b.scale) / twice
        let realOut = twice / (Double(1 << leftShift) * Double(out.scale))
        // QuantizeMultiplierSmallerThanOneExp aborts (TFLITE_CHECK) outside (0, 1).
        for real in [real1, real2, realOut] where !(real > 0 && real < 1) {
            throw node.unsupported("needs a rescale factor of \(real), outside (0, 1): TFLite Micro aborts")
        }
        guard let m1 = QuantizedMultiplier(real1), let m2 = QuantizedMultiplier(real2), let mo = QuantizedMultiplier(realOut) else {
            throw node.unsupported("has scales TFLite Micro cannot quantize")
        }
        guard let range = ActivationRange(options.activation, type: out.type, scale: out.scale, zeroPoint: out.zeroPoint) else {
            throw node.fail("cannot compute the \(options.activation) range of its output")
        }
        guard let indices = BroadcastIndices(a.dims, b.dims, output: out.dims), let count = out.elementCount else {
            throw node.unsupported("cannot broadcast \(a.dims) and \(b.dims) to \(out.dims)")
        }
        return Add(first: graph.slot(first), second: graph.slot(second), output: graph.slot(output), count: count,
                   indices: indices, offset1: 0 &- a.zeroPoint, offset2: 0 &- b.zeroPoint, outputOffset: out.zeroPoint,
                   m1: m1, m2: m2, mo: mo, range: range)
    }

    struct Add: PreparedOperation {
        let first: TensorSlot, second: TensorSlot, output: TensorSlot, count: Int
        let indices: BroadcastIndices
        let offset1: Int32, offset2: Int32, outputOffset: Int32
        let m1: QuantizedMultiplier, m2: QuantizedMultiplier, mo: QuantizedMultiplier
        let range: ActivationRange

        @inline(__always)
        func add(_ x: Int8, _ y: Int8) -> Int8 {
            let shifted1 = (offset1 &+ Int32(x)) &* (1 << AddKernel.leftShift)
            let shifted2 = (offset2 &+ Int32(y)) &* (1 << AddKernel.leftShift)
            let scaled1 = multiplyByQuantizedMultiplierSmallerThanOne(shifted1, m1.multiplier, m1.shift)
            let scaled2 = multiplyByQuantizedMultiplierSmallerThanOne(shifted2, m2.multiplier, m2.shift)
            let sum = multiplyByQuantizedMultiplierSmallerThanOne(scaled1 &+ scaled2, mo.multiplier, mo.shift) &+ outputOffset
            return Int8(truncatingIfNeeded: range.clamp(sum))
        }

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(first), y = runtime.int8(second), z = runtime.int8(output)
            if indices.elementwise {
                for index in 0 ..< count { z[index] = add(x[index], y[index]) }
            } else {
                for index in 0 ..< count {
                    z[index] = add(x[Int(indices.first[index])], y[Int(indices.second[index])])
                }
            }
        }
    }
}
