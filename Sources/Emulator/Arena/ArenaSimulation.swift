/// A replay of `MicroInterpreter::AllocateTensors` (and, for the host, the Python wrapper's set-up) on a
/// simulated arena of a given size: every persistent, temporary and head allocation TFLite Micro makes, in
/// its order, with its alignment and failure checks. Succeeds exactly when TFLM's allocation would.
struct ArenaSimulation {
    let model: ArenaModel
    let target: ArenaTarget

    /// What a successful replay measured.
    struct Outcome {
        /// `arena_used_bytes()` after AllocateTensors.
        let used: Int
        /// The persistent (tail) bytes and the memory plan (head) size.
        let persistent: Int
        let plan: Int
    }

    /// Replays allocation in an arena of `size` bytes starting `offset` bytes past a 16-byte boundary.
    func run(size: Int, offset: Int = 0) throws(SimulatedArenaAllocator.OutOfMemory) -> Outcome {
        let layout = target.layout
        let base = 1 << 20 + offset
        let start = target.alignsArenaStart ? SimulatedArenaAllocator.alignUp(base, 16) : base
        var arena = SimulatedArenaAllocator(head: start, tail: base + size)
        let word = layout.structAlignment
        // MicroAllocator::Create (or RecordingMicroAllocator::Create): allocator, planner, MicroAllocator.
        try arena.persistent(layout.arenaAllocator, word)
        try arena.persistent(layout.memoryPlanner, word)
        try arena.persistent(layout.microAllocator, word)
        if target.resourceVariablesInArena, model.resourceVariableNames > 0 {
            try arena.persistent(layout.resourceVariables, 16)
            try arena.persistent(layout.resourceVariable * model.resourceVariableNames, 16)
        }
        // StartModelAllocation.
        try arena.persistent(layout.builtinDataAllocator, word)
        guard arena.resizeHead(layout.scratchBufferRequest * 12, word) else { throw .init(what: "the scratch-request head") }
        try arena.persistent(layout.subgraphAllocations * model.subgraphs.count, word)
        for subgraph in model.subgraphs { try arena.persistent(layout.evalTensor * subgraph.tensors.count, word) }
        for subgraph in model.subgraphs { try arena.persistent(layout.nodeAndRegistration * subgraph.operators.count, word) }
        // Builtin parameters (parsed in operator order), then each kernel's Init.
        for subgraph in model.subgraphs {
            for op in subgraph.operators {
                if let (bytes, alignment) = layout.builtinParameters[op.name] { try arena.persistent(bytes, alignment) }
            }
        }
        for subgraph in model.subgraphs {
            for op in subgraph.operators {
                if let bytes = layout.operatorData[op.name] { try arena.persistent(bytes, 16) }
            }
        }
        // Prepare, operator by operator.
        var scratch: [(bytes: Int, subgraph: Int, node: Int)] = []
        var assigned: Set<Int> = []
        var handleVariable: [TensorID: Int] = [:]
        var variableIDs: [String: Int] = [:]
        for (s, subgraph) in model.subgraphs.enumerated() {
            for (n, op) in subgraph.operators.enumerated() {
                if op.name == "VAR_HANDLE", let output = op.outputs.first {
                    let name: String
                    if case let .varHandle(options) = op.options { name = options.sharedName ?? "" } else { name = "" }
                    let id = variableIDs[name] ?? variableIDs.count
                    variableIDs[name] = id
                    handleVariable[TensorID(subgraph: s, index: output)] = id
                }
                for step in KernelAllocations.prepare(op, subgraph.tensors, target: target) {
                    switch step {
                    case let .tempInput(position):
                        if position < op.inputs.count, op.inputs[position] >= 0 {
                            try temporaryTensor(subgraph.tensors[op.inputs[position]], &arena)
                        }
                    case let .tempOutput(position):
                        if position < op.outputs.count, op.outputs[position] >= 0 {
                            try temporaryTensor(subgraph.tensors[op.outputs[position]], &arena)
                        }
                    case let .persistent(bytes):
                        try arena.persistent(bytes, 16)
                    case let .scratch(bytes):
                        scratch.append((bytes, s, n))
                    case let .resourceBuffer(valueInput):
                        guard valueInput < op.inputs.count, let handle = op.inputs.first,
                              let variable = handleVariable[TensorID(subgraph: s, index: handle)], !assigned.contains(variable)
                        else { break }
                        assigned.insert(variable)
                        try arena.persistent(subgraph.tensors[op.inputs[valueInput]].bytes, 16)
                    }
                }
                // FinishPrepareNodeAllocations (its status is ignored by the caller).
                arena.resetTemporaries()
                arena.resizeHead(layout.scratchBufferRequest * (scratch.count + 12), word)
            }
        }
        // FinishModelAllocation: scratch handles, then the plan in the temporary section.
        if !scratch.isEmpty { try arena.persistent(layout.scratchBufferHandle * scratch.count, word) }
        try arena.temporary(layout.pointer * model.subgraphs.count, word)
        let tensorCount = model.subgraphs.reduce(0) { $0 + $1.tensors.count }
        try arena.temporary(layout.allocationInfo * (tensorCount + scratch.count), word)
        for subgraph in model.subgraphs {
            for tensor in subgraph.tensors where tensor.isVariable { try arena.persistent(tensor.bytes, 16) }
        }
        let buffers = AllocationLifetimes.buffers(model, scratch: scratch)
        let available = arena.availableMemory(16)
        try arena.temporary(available < 0 ? Int.max / 4 : available, 16)
        // The planner's capacity: the available bytes as an int, divided by its per-buffer workspace.
        let capacity = Int(Int32(truncatingIfNeeded: available)) / GreedyMemoryPlanner.workspacePerBuffer
        guard buffers.count <= capacity else { throw .init(what: "the memory planner's workspace") }
        let plan = GreedyMemoryPlanner.planSize(buffers)
        arena.resetTemporaries()
        guard arena.resizeHead(0, 1), arena.resizeHead(plan, 16) else { throw .init(what: "the \(plan)-byte memory plan") }
        // AllocateTensors end: input and output pointer arrays and their TfLiteTensors.
        guard let main = model.subgraphs.first else { throw .init(what: "a model without subgraphs") }
        for list in [main.inputs, main.outputs] {
            try arena.persistent(layout.pointer * list.count, 16)
            for index in list {
                try arena.persistent(layout.tfLiteTensor, word)
                if let channels = main.tensors[index].quantizedChannels {
                    try arena.persistent(layout.affineQuantization, word)
                    try arena.persistent(4 + 4 * channels, 4)
                }
            }
        }
        return Outcome(used: arena.used, persistent: arena.persistentBytes, plan: plan)
    }

    /// `AllocateTempTfLiteTensor`: the struct, and for a quantized tensor its quantization and zero points.
    private func temporaryTensor(_ tensor: ArenaModel.TensorInfo, _ arena: inout SimulatedArenaAllocator) throws(SimulatedArenaAllocator.OutOfMemory) {
        let layout = target.layout
        try arena.temporary(layout.tfLiteTensor, layout.structAlignment)
        if let channels = tensor.quantizedChannels {
            try arena.temporary(layout.affineQuantization, layout.structAlignment)
            try arena.temporary(4 + 4 * channels, 4)
        }
    }
}
