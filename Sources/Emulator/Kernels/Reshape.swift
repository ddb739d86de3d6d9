import TFLiteFormat

/// RESHAPE (`reshape_common.cc`, `reshape.cc`): the output tensor's dimensions are the new shape (the
/// shape input and options are ignored); one −1 is resolved from the element count. The data is copied.
enum ReshapeKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 1 || node.inputCount == 2 else { throw node.fail("has \(node.inputCount) inputs; it needs 1 or 2") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        guard let inputCount = graph[input].elementCount else { throw node.fail("has an input of shape \(graph[input].dims)") }
        var shape = graph[output].dims
        if node.inputCount == 1, shape == [0] { shape = [] } // legacy scalar
        var known = 1
        var stretch: Int?
        for (axis, value) in shape.enumerated() {
            if value == -1 {
                guard stretch == nil else { throw node.fail("has more than one −1 in its output shape \(shape)") }
                stretch = axis
            } else {
                known = known &* value
            }
        }
        if let stretch {
            guard known != 0 else { throw node.unsupported("resolves −1 in \(shape) by dividing by zero") }
            shape[stretch] = inputCount / known
            known *= shape[stretch]
        }
        graph[output].dims = shape
        guard graph[input].type == graph[output].type else {
            throw node.fail("changes the type from \(graph[input].type) to \(graph[output].type)")
        }
        guard inputCount == known else { throw node.fail("reshapes \(inputCount) elements into \(shape)") }
        guard let bytes = graph[input].byteCount else { throw node.fail("has an input that cannot be sized") }
        var plan = CopyPlan(sources: [graph.slot(input)], destination: graph.slot(output))
        plan.copy(source: 0, from: 0, to: 0, count: bytes)
        return plan
    }
}
