import TFLiteFormat

/// PAD (`pad_common.cc`, `reference/pad.h`): constant paddings (input 1, shape [rank, 2]); the pad value is
/// the output zero point for int8 (or the optional constant input 2), 0 for other types.
enum PadKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 2 || node.inputCount == 3 else { throw node.fail("has \(node.inputCount) inputs; it needs 2 or 3") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let input = try graph.input(node, 0)
        let paddings = try graph.input(node, 1)
        let constant = try graph.optionalInput(node, 2)
        let output = try graph.output(node, 0)
        let inSpec = graph[input], outSpec = graph[output]
        guard inSpec.type == outSpec.type else { throw node.fail("outputs \(outSpec.type) from a \(inSpec.type) input") }
        guard inSpec.dims.count <= 5 else { throw node.fail("has a \(inSpec.dims.count)-dimensional input; at most 5 are supported") }
        if let constant {
            guard graph[constant].type == inSpec.type else { throw node.fail("has a constant value of another type") }
            guard graph[constant].elementCount == 1 else { throw node.fail("has a constant value with more than one element") }
        }
        guard (graph[paddings].elementCount ?? -1) == outSpec.dims.count * 2 else {
            throw node.fail("has \(graph[paddings].elementCount ?? 0) paddings for a rank-\(outSpec.dims.count) output")
        }
        guard graph[paddings].isConstant else { throw node.fail("has non-constant paddings") }
        guard let values = graph.int32Constant(paddings) else { throw node.unsupported("has \(graph[paddings].type) paddings; TFLite Micro reads them as int32") }
        guard outSpec.dims.count == inSpec.dims.count else { throw node.unsupported("changes the rank from \(inSpec.dims.count) to \(outSpec.dims.count)") }
        for axis in 0 ..< outSpec.dims.count {
            guard outSpec.dims[axis] == inSpec.dims[axis] + Int(values[2 * axis]) + Int(values[2 * axis + 1]) else {
                throw node.fail("has output dimension \(axis) = \(outSpec.dims[axis]), not input + paddings")
            }
        }
        guard values.allSatisfy({ $0 >= 0 }) else { throw node.unsupported("has negative paddings \(values)") }
        let elementSize = inSpec.type.byteSize ?? 1
        var fill = [UInt8](repeating: 0, count: elementSize)
        if inSpec.type == .int8 {
            if let constant {
                guard outSpec.zeroPoint == graph[constant].zeroPoint, Double(outSpec.scale) == Double(graph[constant].scale) else {
                    throw node.fail("has a constant value quantized differently from the output")
                }
            } else {
                guard outSpec.zeroPoint >= -128, outSpec.zeroPoint <= 127 else { throw node.fail("has output zero point \(outSpec.zeroPoint)") }
            }
        }
        if let constant {
            guard let data = graph[constant].constant else {
                throw node.unsupported("takes its pad value from a tensor computed at run time")
            }
            fill = Array(data.prefix(elementSize))
        } else if inSpec.type == .int8 {
            fill = [UInt8(truncatingIfNeeded: outSpec.zeroPoint)]
        }
        let rank = 5
        let outDims = Shape.extended(outSpec.dims, to: rank)
        let pad = rank - outSpec.dims.count
        let left = Array(repeating: 0, count: pad) + (0 ..< outSpec.dims.count).map { Int(values[2 * $0]) }
        let right = Array(repeating: 0, count: pad) + (0 ..< outSpec.dims.count).map { Int(values[2 * $0 + 1]) }
        var plan = CopyPlan(sources: [graph.slot(input)], destination: graph.slot(output))
        plan.fillElement = fill
        var from = 0, to = 0
        var index = [0, 0, 0, 0, 0]
        let total = outDims.reduce(1, *)
        for _ in 0 ..< total {
            let inside = (0 ..< rank).allSatisfy { index[$0] >= left[$0] && index[$0] < outDims[$0] - right[$0] }
            if inside {
                plan.copy(source: 0, from: from, to: to, count: elementSize)
                from += elementSize
            } else {
                plan.fill(to: to, count: elementSize)
            }
            to += elementSize
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < outDims[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return plan
    }
}
