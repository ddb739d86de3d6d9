import TFLiteFormat

/// SPLIT_V (`split_v.cc`): splits along a constant axis into the outputs' sizes (the size-splits input is
/// not read: each output's own dimension decides). A byte copy.
enum SplitVKernel: Kernel {
    static let allowedTypes: Set<TensorType> = [.float32, .int8, .int16, .int32]

    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 3 else { throw node.fail("has \(node.inputCount) inputs; it needs 3") }
        let axisTensor = try graph.input(node, 2)
        guard graph[axisTensor].isConstant else { throw node.fail("has a non-constant axis tensor") }
        let input = try graph.input(node, 0)
        let dims = graph[input].dims
        guard let axisValue = graph.int32Constant(axisTensor)?.first else {
            throw node.unsupported("has an axis tensor of type \(graph[axisTensor].type); TFLite Micro reads it as int32")
        }
        let axis = axisValue < 0 ? Int(axisValue) + dims.count : Int(axisValue)
        guard axis >= 0, axis < dims.count else { throw node.failsWhenInvoked("splits along axis \(axisValue) of a rank-\(dims.count) input") }
        let type = graph[input].type
        guard allowedTypes.contains(type) else { throw node.failsWhenInvoked("does not support type \(type)") }
        guard node.outputCount >= 1 else { throw node.fail("has no outputs") }
        var outputs: [TensorID] = []
        var total = 0
        for position in 0 ..< node.outputCount {
            let id = try graph.output(node, position)
            let out = graph[id].dims
            guard out.count == dims.count, graph[id].type.byteSize == type.byteSize,
                  (0 ..< dims.count).allSatisfy({ $0 == axis || out[$0] == dims[$0] })
            else { throw node.unsupported("has output shape \(out) that does not fit input shape \(dims)") }
            total += out[axis]
            outputs.append(id)
        }
        guard total == dims[axis] else { throw node.unsupported("splits \(dims[axis]) along axis \(axis) into \(total)") }
        let elementSize = type.byteSize ?? 1
        let outer = Shape.product(dims, 0 ..< axis)
        let inner = Shape.product(dims, axis + 1 ..< dims.count)
        let source = graph.slot(input)
        var plans = outputs.map { CopyPlan(sources: [source], destination: graph.slot($0)) }
        var from = 0
        for k in 0 ..< outer {
            for (index, id) in outputs.enumerated() {
                let count = graph[id].dims[axis] * inner * elementSize
                plans[index].copy(source: 0, from: from, to: k * count, count: count)
                from += count
            }
        }
        return Sequence(plans: plans)
    }

    struct Sequence: PreparedOperation {
        let plans: [CopyPlan]
        func invoke(_ runtime: Runtime) {
            for plan in plans { plan.invoke(runtime) }
        }
    }
}
