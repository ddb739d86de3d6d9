import TFLiteFormat

/// ASSIGN_VARIABLE (`assign_variable.cc`): copies its value input into a resource variable. The first one
/// prepared for a variable sizes it and sets its default (the value tensor's zero point).
enum AssignVariableKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 2 else { throw node.fail("has \(node.inputCount) inputs; it needs 2") }
        guard node.outputCount == 0 else { throw node.fail("has \(node.outputCount) outputs; it needs none") }
        let handle = try graph.input(node, 0)
        let handleSpec = graph[handle]
        guard handleSpec.type == .resource || handleSpec.type == .int32 else {
            throw node.fail("has a \(handleSpec.type) resource input")
        }
        guard handleSpec.elementCount == 1 else { throw node.fail("has a resource input of shape \(handleSpec.dims)") }
        let value = try graph.input(node, 1)
        guard let variable = graph.handles[handle] else {
            throw node.unsupported("assigns a resource that no earlier VAR_HANDLE of its subgraph produced")
        }
        let valueSpec = graph[value]
        guard let bytes = valueSpec.byteCount else { throw node.fail("has a value that cannot be sized") }
        if graph.variables[variable].byteCount == nil {
            graph.variables[variable].byteCount = bytes
            graph.variables[variable].defaultValue = valueSpec.isQuantized ? Int8(truncatingIfNeeded: valueSpec.zeroPoint) : 0
        }
        graph.variableAccesses.append((node, variable, bytes))
        return Assign(variable: variable, value: graph.slot(value), bytes: bytes)
    }

    struct Assign: PreparedOperation {
        let variable: Int
        let value: TensorSlot
        let bytes: Int

        func invoke(_ runtime: Runtime) {
            runtime.variables[variable].copyMemory(from: runtime.raw(value), byteCount: bytes)
        }
    }
}
