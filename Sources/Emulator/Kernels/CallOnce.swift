import TFLiteFormat

/// CALL_ONCE (`call_once.cc`): runs its initialisation subgraph on the first invocation only.
enum CallOnceKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 0, node.outputCount == 0 else { throw node.fail("must have no inputs and no outputs") }
        let target = CallOnceKernel.target(of: node.definition)
        guard target < graph.model.subgraphs.count else {
            throw node.fail("calls subgraph \(target), but the model has \(graph.model.subgraphs.count)")
        }
        guard target >= 0 else { throw node.unsupported("calls subgraph \(target) (TFLite Micro fails at the first invocation)") }
        defer { graph.callOnceCount += 1 }
        return CallOnce(flag: graph.callOnceCount, subgraph: target)
    }

    /// The subgraph a CALL_ONCE runs (0 when its options are missing: TFLM then reads zeroed parameters).
    static func target(of op: Operator) -> Int {
        if case let .callOnce(options) = op.options { return Int(options.initSubgraphIndex) }
        return 0
    }

    struct CallOnce: PreparedOperation {
        let flag: Int
        let subgraph: Int

        func invoke(_ runtime: Runtime) {
            guard !runtime.callOnceDone[flag] else { return }
            runtime.invokeSubgraph(subgraph)
            runtime.callOnceDone[flag] = true
        }
    }
}
