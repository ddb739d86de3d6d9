import TFLiteFormat

/// Places every tensor in memory once preparation has fixed all shapes: constants are copied from the
/// model, VAR_HANDLE outputs hold their resource id, everything else gets its own zeroed, 16-byte aligned
/// block (the emulator does not overlap tensors; the arena prediction models TFLM's overlapping plan).
struct MemoryLayout {
    let runtime: Runtime
    let variableTensors: [(slot: TensorSlot, bytes: Int, value: Int8)]

    init(_ graph: GraphBuilder) throws(EmulatorError) {
        let runtime = Runtime(slotCount: graph.slotCount)
        var variableTensors: [(slot: TensorSlot, bytes: Int, value: Int8)] = []
        var activations: [(slot: TensorSlot, bytes: Int)] = []
        for (subgraphIndex, tensors) in graph.tensors.enumerated() {
            for (index, spec) in tensors.enumerated() {
                let id = TensorID(subgraph: subgraphIndex, index: index)
                let slot = graph.slot(id)
                guard let bytes = spec.byteCount else {
                    throw .malformedModel("tensor \(index) of subgraph \(subgraphIndex) has shape \(spec.dims), which cannot be allocated")
                }
                if let data = spec.constant {
                    let pointer = runtime.allocate(data.count)
                    data.withUnsafeBytes { bytes in
                        if let base = bytes.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
                    }
                    runtime.pointers[slot.index] = pointer
                } else if let variable = graph.handles[id] {
                    let pointer = runtime.allocate(4)
                    pointer.storeBytes(of: Int32(variable), as: Int32.self)
                    runtime.pointers[slot.index] = pointer
                } else {
                    activations.append((slot, bytes))
                    if spec.isVariable {
                        let value: Int8 = spec.type == .int8 && !spec.zeroPoints.isEmpty ? Int8(truncatingIfNeeded: spec.zeroPoints[0]) : 0
                        variableTensors.append((slot, bytes, value))
                    }
                }
            }
        }
        let total = activations.reduce(0) { $0 + ($1.bytes + 15) / 16 * 16 }
        let block = runtime.allocate(total)
        var offset = 0
        for (slot, bytes) in activations {
            runtime.pointers[slot.index] = block + offset
            offset += (bytes + 15) / 16 * 16
        }
        for (index, variable) in graph.variables.enumerated() {
            guard let bytes = variable.byteCount else {
                throw .malformedModel("resource variable \(index) (\(variable.sharedName ?? "unnamed")) is read but never assigned, so TFLite Micro never allocates it")
            }
            runtime.addVariable(bytes: bytes, defaultValue: variable.defaultValue)
        }
        runtime.scratch = graph.scratchSizes.map { runtime.allocate($0) }
        self.runtime = runtime
        self.variableTensors = variableTensors
    }
}
