import TFLiteFormat

/// A tensor's identity across subgraphs.
struct TensorID: Hashable {
    let subgraph: Int
    let index: Int
}

/// Where a tensor's data lives at run time: an index into the runtime's pointer table.
struct TensorSlot: Hashable {
    let index: Int
}

/// A resource variable (MicroResourceVariables): found by (container, shared name) when VAR_HANDLE is
/// prepared, sized and given its default value (the zero point of the first assigned tensor) when the
/// first ASSIGN_VARIABLE referring to it is prepared.
struct ResourceVariableSpec {
    let container: String?
    let sharedName: String?
    var byteCount: Int?
    var defaultValue: Int8 = 0
}

/// The operator being prepared: where it is, what it is, and its tensor lists.
struct Node {
    let op: BuiltinOperator
    let subgraph: Int
    let index: Int
    let definition: Operator

    var options: BuiltinOptions { definition.options }
    var inputCount: Int { definition.inputs.count }
    var outputCount: Int { definition.outputs.count }

    /// TFLM's Prepare would fail with `reason`.
    func fail(_ reason: String) -> EmulatorError {
        .prepareFailed(op, subgraph: subgraph, index: index, reason: reason)
    }

    /// TFLM prepares this but fails when it runs.
    func failsWhenInvoked(_ reason: String) -> EmulatorError {
        .invokeFails(op, subgraph: subgraph, index: index, reason: reason)
    }

    /// TFLM would run this with undefined behaviour, or the emulator does not implement it.
    func unsupported(_ reason: String) -> EmulatorError {
        .unsupportedConfiguration(op, subgraph: subgraph, index: index, reason: reason)
    }
}

/// Everything preparation reads and builds: the tensors of every subgraph (dimensions may change, as
/// RESHAPE resolves −1), the resource variables, and which tensors VAR_HANDLE produced.
struct GraphBuilder {
    let model: TFLiteModel
    var tensors: [[TensorSpec]]
    /// The pointer-table index of tensor 0 of each subgraph.
    let slotBase: [Int]
    var variables: [ResourceVariableSpec] = []
    let maxVariables: Int
    /// VAR_HANDLE outputs and the resource variable each one names.
    var handles: [TensorID: Int] = [:]
    /// CALL_ONCE operators seen so far (their run-once flags).
    var callOnceCount = 0
    /// Every READ_VARIABLE and ASSIGN_VARIABLE: the byte count it copies, checked against the variable's
    /// size once all operators are prepared (TFLM only DCHECKs it and copies the variable's size).
    var variableAccesses: [(node: Node, variable: Int, bytes: Int)] = []
    /// Scratch buffers kernels asked for (bytes each), allocated with the run-time memory.
    var scratchSizes: [Int] = []

    /// Reserves a scratch buffer of `bytes` for a kernel's intermediate values; returns its index.
    mutating func requestScratch(_ bytes: Int) -> Int {
        scratchSizes.append(bytes)
        return scratchSizes.count - 1
    }

    init(model: TFLiteModel, maxVariables: Int) {
        self.model = model
        self.maxVariables = maxVariables
        tensors = model.subgraphs.map { subgraph in
            subgraph.tensors.enumerated().map { TensorSpec($1, model: model, index: $0) }
        }
        var base: [Int] = []
        var next = 0
        for subgraph in model.subgraphs {
            base.append(next)
            next += subgraph.tensors.count
        }
        slotBase = base
    }

    var slotCount: Int { tensors.reduce(0) { $0 + $1.count } }

    func slot(_ id: TensorID) -> TensorSlot { TensorSlot(index: slotBase[id.subgraph] + id.index) }

    subscript(_ id: TensorID) -> TensorSpec {
        get { tensors[id.subgraph][id.index] }
        set { tensors[id.subgraph][id.index] = newValue }
    }

    /// Input `position` of `node` (nil when the operator has fewer inputs or marks it absent with −1).
    func optionalInput(_ node: Node, _ position: Int) throws(EmulatorError) -> TensorID? {
        guard position < node.inputCount else { return nil }
        return try resolve(node, node.definition.inputs[position], "input \(position)")
    }

    /// Input `position` of `node`, which must be present.
    func input(_ node: Node, _ position: Int) throws(EmulatorError) -> TensorID {
        guard let id = try optionalInput(node, position) else { throw node.fail("is missing input \(position)") }
        return id
    }

    /// Output `position` of `node`, which must be present.
    func output(_ node: Node, _ position: Int) throws(EmulatorError) -> TensorID {
        guard position < node.outputCount,
              let id = try resolve(node, node.definition.outputs[position], "output \(position)")
        else { throw node.fail("is missing output \(position)") }
        return id
    }

    private func resolve(_ node: Node, _ index: Int32, _ what: String) throws(EmulatorError) -> TensorID? {
        if index == -1 { return nil }
        guard index >= 0, Int(index) < tensors[node.subgraph].count else {
            throw .malformedModel("\(node.op) (operator \(node.index) of subgraph \(node.subgraph)) \(what) is tensor \(index), but the subgraph has \(tensors[node.subgraph].count)")
        }
        return TensorID(subgraph: node.subgraph, index: Int(index))
    }

    /// The constant int32 values of `id` (begin/end/strides, axes, paddings), or nil when not constant.
    func int32Constant(_ id: TensorID) -> [Int32]? {
        let spec = self[id]
        guard spec.type == .int32, let bytes = spec.constant, let count = spec.elementCount,
              bytes.count >= count * 4
        else { return nil }
        return (0 ..< count).map { index in
            var value: UInt32 = 0
            for byte in 0 ..< 4 { value |= UInt32(bytes[index * 4 + byte]) << (8 * byte) }
            return Int32(bitPattern: value)
        }
    }
}
