/// Which buffers TFLite Micro plans and when each is alive (`micro_allocation_info.cc`): every tensor
/// without constant data that is not a variable, not a VAR_HANDLE output and not empty, plus every scratch
/// buffer, each 16-byte rounded. Lifetimes come from one walk of subgraph 0 in which each operator opens a
/// scope and CALL_ONCE walks its subgraph inside its own scope.
enum AllocationLifetimes {
    static func buffers(_ model: ArenaModel, scratch: [(bytes: Int, subgraph: Int, node: Int)]) -> [GreedyMemoryPlanner.Buffer] {
        var first = model.subgraphs.map { Array(repeating: -1, count: $0.tensors.count) }
        var last = first
        var scratchFirst = Array(repeating: -1, count: scratch.count)
        var scratchLast = scratchFirst
        var scope = 0
        func created(_ s: Int, _ t: Int) { if first[s][t] == -1 { first[s][t] = scope } }
        func mark(_ s: Int) {
            let subgraph = model.subgraphs[s]
            for t in subgraph.inputs {
                created(s, t)
                last[s][t] = scope
            }
            for (n, op) in subgraph.operators.enumerated() {
                scope += 1
                for t in op.outputs where t >= 0 { created(s, t) }
                let start = scope
                if let called = op.calledSubgraph, called >= 0, called < model.subgraphs.count {
                    scope += 1
                    mark(called)
                }
                for t in op.inputs where t >= 0 { last[s][t] = scope }
                for t in op.outputs where t >= 0 { last[s][t] = scope }
                for (index, request) in scratch.enumerated() where request.node == n && request.subgraph == s {
                    if scratchFirst[index] == -1 { scratchFirst[index] = start }
                    scratchLast[index] = scope
                }
            }
            for t in subgraph.outputs {
                created(s, t)
                last[s][t] = scope
            }
        }
        mark(0)
        var buffers: [GreedyMemoryPlanner.Buffer] = []
        for (s, subgraph) in model.subgraphs.enumerated() {
            for (t, tensor) in subgraph.tensors.enumerated() {
                let planned = !tensor.hasData && !tensor.isVariable && tensor.bytes != 0
                    && !model.handles.contains(TensorID(subgraph: s, index: t))
                if planned {
                    buffers.append(.init(size: SimulatedArenaAllocator.alignUp(tensor.bytes, 16), first: first[s][t], last: last[s][t]))
                }
            }
        }
        for (index, request) in scratch.enumerated() {
            buffers.append(.init(size: SimulatedArenaAllocator.alignUp(request.bytes, 16), first: scratchFirst[index], last: scratchLast[index]))
        }
        return buffers
    }
}
