import TFLiteFormat

/// VAR_HANDLE (`var_handle.cc`): finds or creates the resource variable named by (container, shared
/// name) when prepared; its output is the variable's id. Fails when the firmware's table is full.
enum VarHandleKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard case let .varHandle(options) = node.options, let sharedName = options.sharedName else {
            throw node.unsupported("has no shared name (TFLite Micro would compare a null string)")
        }
        let output = try graph.output(node, 0)
        // MicroResourceVariables::FindId: a null container matches any; otherwise containers must be equal.
        var id: Int?
        for (index, variable) in graph.variables.enumerated() where variable.sharedName == sharedName {
            if options.container == nil { id = index; break }
            guard let container = variable.container else {
                throw node.unsupported("names container \"\(options.container ?? "")\" for a variable created without one (TFLite Micro would compare a null string)")
            }
            if container == options.container { id = index; break }
        }
        if id == nil {
            guard graph.variables.count < graph.maxVariables else {
                throw node.fail("creates resource variable \(graph.variables.count + 1) (\(sharedName)), but the firmware has room for \(graph.maxVariables) (\"Maximum resource variable count reached\")")
            }
            graph.variables.append(ResourceVariableSpec(container: options.container, sharedName: sharedName))
            id = graph.variables.count - 1
        }
        graph.handles[output] = id
        return Nothing()
    }

    /// The output already holds the id (written when memory was laid out).
    struct Nothing: PreparedOperation {
        func invoke(_: Runtime) {}
    }
}
