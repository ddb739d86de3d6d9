import TFLiteFormat

/// CONCATENATION (`concatenation.cc`): at most 10 inputs of one type, no fused activation, and for int8
/// every input's scale and zero point equal to the output's (no requantisation in TFLM): a byte copy.
enum ConcatenationKernel: Kernel {
    static let maxInputs = 10
    static let allowedTypes: Set<TensorType> = [.float32, .int8, .int16, .int32, .int64, .bool]

    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: ConcatenationOptions
        if case let .concatenation(value) = node.options { options = value } else { options = ConcatenationOptions() }
        let first = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let type = graph[first].type
        guard options.activation == .none else { throw node.fail("has fused activation \(options.activation); only NONE is supported") }
        guard allowedTypes.contains(type) else { throw node.fail("does not support type \(type)") }
        guard graph[output].type == type else { throw node.fail("outputs \(graph[output].type) from \(type) inputs") }
        guard node.inputCount <= maxInputs else { throw node.fail("has \(node.inputCount) inputs; at most \(maxInputs) are supported") }
        var inputs: [TensorID] = []
        for position in 0 ..< node.inputCount {
            let id = try graph.input(node, position)
            let spec = graph[id]
            guard spec.type == type else { throw node.fail("mixes \(type) and \(spec.type) inputs") }
            guard spec.dims.count <= 6 else { throw node.fail("has a \(spec.dims.count)-dimensional input") }
            if type == .int8 {
                guard Double(spec.scale) == Double(graph[output].scale), spec.zeroPoint == graph[output].zeroPoint else {
                    throw node.fail("input \(position) has scale \(spec.scale), zero point \(spec.zeroPoint) but the output has \(graph[output].scale), \(graph[output].zeroPoint); TFLite Micro does not requantise")
                }
            } else if type == .int16 {
                guard spec.zeroPoint == 0 else { throw node.fail("has an int16 input with zero point \(spec.zeroPoint)") }
            }
            inputs.append(id)
        }
        if type == .int16, graph[output].zeroPoint != 0 { throw node.fail("has an int16 output with zero point \(graph[output].zeroPoint)") }
        let outDims = graph[output].dims
        let axis = options.axis >= 0 ? Int(options.axis) : outDims.count + Int(options.axis)
        guard axis >= 0, axis < outDims.count else { throw node.unsupported("concatenates along axis \(options.axis) of a rank-\(outDims.count) output") }
        // TFLM only DCHECKs the shapes; a mismatch would make it copy out of bounds.
        var axisTotal = 0
        for id in inputs {
            let dims = graph[id].dims
            guard dims.count == outDims.count,
                  (0 ..< dims.count).allSatisfy({ $0 == axis || dims[$0] == outDims[$0] })
            else { throw node.unsupported("has input shape \(dims) that does not fit output shape \(outDims) along axis \(axis)") }
            axisTotal += dims[axis]
        }
        guard axisTotal == outDims[axis] else { throw node.unsupported("concatenates \(axisTotal) along axis \(axis) into \(outDims[axis])") }
        let elementSize = type.byteSize ?? 1
        let outer = Shape.product(outDims, 0 ..< axis)
        let inner = Shape.product(outDims, axis + 1 ..< outDims.count)
        var plan = CopyPlan(sources: inputs.map(graph.slot), destination: graph.slot(output))
        var to = 0
        for k in 0 ..< outer {
            for (source, id) in inputs.enumerated() {
                let count = graph[id].dims[axis] * inner * elementSize
                plan.copy(source: source, from: k * count, to: to, count: count)
                to += count
            }
        }
        return plan
    }
}
