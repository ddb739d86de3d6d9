import TFLiteFormat

/// PACK (`pack.cc`, no Prepare in TFLM): stacks `values_count` inputs along a new axis of the output.
enum PackKernel: Kernel {
    static let allowedTypes: Set<TensorType> = [.float32, .int8, .int16, .int32, .int64]

    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: PackOptions
        if case let .pack(value) = node.options { options = value } else { options = PackOptions() }
        let output = try graph.output(node, 0)
        let outDims = graph[output].dims
        let type = graph[output].type
        guard allowedTypes.contains(type) else { throw node.failsWhenInvoked("does not support type \(type)") }
        let count = Int(options.valuesCount)
        guard count >= 1, count <= node.inputCount else {
            throw node.unsupported("packs \(count) values but has \(node.inputCount) inputs (TFLite Micro would read past them)")
        }
        let axis = options.axis < 0 ? Int(options.axis) + outDims.count : Int(options.axis)
        guard axis >= 0, axis < outDims.count else { throw node.unsupported("packs along axis \(options.axis) of a rank-\(outDims.count) output") }
        let outer = Shape.product(outDims, 0 ..< axis)
        let copy = Shape.product(outDims, axis + 1 ..< outDims.count)
        guard outDims[axis] == count else { throw node.unsupported("packs \(count) values into dimension \(outDims[axis])") }
        let elementSize = type.byteSize ?? 1
        var inputs: [TensorID] = []
        for position in 0 ..< count {
            let id = try graph.input(node, position)
            guard graph[id].elementCount == copy * outer, graph[id].type.byteSize == elementSize else {
                throw node.unsupported("has input \(position) of shape \(graph[id].dims), which does not fit output \(outDims)")
            }
            inputs.append(id)
        }
        var plan = CopyPlan(sources: inputs.map(graph.slot), destination: graph.slot(output))
        for k in 0 ..< outer {
            for index in 0 ..< count {
                plan.copy(source: index, from: copy * k * elementSize, to: (k * count * copy + index * copy) * elementSize,
                          count: copy * elementSize)
            }
        }
        return plan
    }
}
