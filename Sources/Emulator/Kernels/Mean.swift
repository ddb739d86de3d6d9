import TFLiteFormat

/// MEAN, int8 (`reduce_common.cc`, `reference/reduce.h` QuantizedMeanOrSum): the int32 sum over the
/// reduced axes, minus `zp_in·n`, times `QM(s_in / s_out)` with 1/n folded into the multiplier
/// (`m' = (m << k) / n`, `k = min(floor(log2 n), 32, 31 + shift)`), plus `zp_out`, clamped.
enum MeanKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let axisTensor = try graph.input(node, 1)
        guard node.inputCount == 2 else { throw node.fail("has \(node.inputCount) inputs; it needs 2") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        guard graph[axisTensor].type == .int32 else { throw node.fail("has a \(graph[axisTensor].type) axis tensor; it needs int32") }
        let inSpec = try graph.int8Tensor(node, input, "input")
        let outSpec = try graph.int8Tensor(node, output, "output")
        guard let axes = graph.int32Constant(axisTensor) else { throw node.unsupported("reduces over axes computed at run time") }
        guard let base = QuantizedMultiplier(Double(inSpec.scale) / Double(outSpec.scale)) else {
            throw node.unsupported("has input/output scale ratio \(Double(inSpec.scale) / Double(outSpec.scale))")
        }
        let dims = inSpec.dims
        var reduced: [Int] = []
        for axis in axes {
            let resolved = axis < 0 ? Int(axis) + dims.count : Int(axis)
            guard resolved >= 0, resolved < dims.count else { throw node.failsWhenInvoked("reduces over axis \(axis) of a rank-\(dims.count) input") }
            if !reduced.contains(resolved) { reduced.append(resolved) }
        }
        guard let outputCount = outSpec.elementCount, let inputCount = inSpec.elementCount else {
            throw node.fail("has tensors that cannot be sized")
        }
        let kept = (0 ..< dims.count).filter { !reduced.contains($0) }
        guard dims.contains(0) || kept.reduce(1, { $0 * dims[$1] }) <= outputCount else {
            throw node.unsupported("reduces \(dims) over \(reduced) into an output of \(outSpec.dims)")
        }
        let n = reduced.reduce(1) { $0 * dims[$1] }
        // For each input element, the output element it adds to (the offset over the kept axes).
        var target = [Int32](repeating: 0, count: inputCount)
        var index = Array(repeating: 0, count: dims.count)
        for flat in 0 ..< inputCount {
            var offset = 0
            for axis in kept { offset = offset * dims[axis] + index[axis] }
            target[flat] = Int32(offset)
            var axis = dims.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < dims[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        var multiplier = base
        if n > 0 {
            var shift = Int32(Int.bitWidth - 1 - n.leadingZeroBitCount)
            shift = min(shift, 32)
            shift = min(shift, 31 + base.shift)
            multiplier = QuantizedMultiplier(multiplier: Int32(truncatingIfNeeded: (Int64(base.multiplier) << Int64(shift)) / Int64(n)),
                                             shift: base.shift - shift)
        }
        let scratch = graph.requestScratch(max(outputCount, 1) * 4)
        return Mean(input: graph.slot(input), output: graph.slot(output), scratch: scratch, target: target,
                    outputCount: outputCount, empty: dims.contains(0) || n == 0, n: Int64(n),
                    inputZeroPoint: Int64(inSpec.zeroPoint), outputZeroPoint: outSpec.zeroPoint, multiplier: multiplier)
    }

    struct Mean: PreparedOperation {
        let input: TensorSlot, output: TensorSlot, scratch: Int
        let target: [Int32]
        let outputCount: Int, empty: Bool, n: Int64
        let inputZeroPoint: Int64, outputZeroPoint: Int32
        let multiplier: QuantizedMultiplier

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(input), y = runtime.int8(output)
            let sums = runtime.scratch[scratch].assumingMemoryBound(to: Int32.self)
            sums.initialize(repeating: 0, count: outputCount)
            y.initialize(repeating: 0, count: outputCount)
            guard !empty else { return }
            for (index, slot) in target.enumerated() { sums[Int(slot)] &+= Int32(x[index]) }
            for index in 0 ..< outputCount {
                let shifted = Int32(truncatingIfNeeded: Int64(sums[index]) - inputZeroPoint * n)
                let value = multiplier.apply(shifted) &+ outputZeroPoint
                y[index] = Int8(min(max(value, -128), 127))
            }
        }
    }
}
