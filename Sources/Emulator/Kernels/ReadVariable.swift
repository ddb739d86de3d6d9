import TFLiteFormat

/// READ_VARIABLE (`read_variable.cc`): copies a resource variable into its output.
enum ReadVariableKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let handle = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        guard let variable = graph.handles[handle] else {
            throw node.unsupported("reads a resource that no earlier VAR_HANDLE of its subgraph produced")
        }
        guard let bytes = graph[output].byteCount else { throw node.fail("has an output that cannot be sized") }
        graph.variableAccesses.append((node, variable, bytes))
        return Read(variable: variable, output: graph.slot(output), bytes: bytes)
    }

    struct Read: PreparedOperation {
        let variable: Int
        let output: TensorSlot
        let bytes: Int

        func invoke(_ runtime: Runtime) {
            runtime.raw(output).copyMemory(from: runtime.variables[variable], byteCount: bytes)
        }
    }
}
