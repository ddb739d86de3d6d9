import TFLiteFormat

/// What TFLite Micro's allocation depends on, read from a model: per subgraph, each tensor's byte size
/// (after RESHAPE resolves −1), whether it has constant data, its quantization (the temporary TfLiteTensors
/// copy the zero points), and each operator's tensors and called subgraph.
struct ArenaModel {
    struct TensorInfo {
        var dims: [Int]
        let elementSize: Int
        let hasData: Bool
        let isVariable: Bool
        /// Scale count when TFLM treats the tensor as quantized (scale and zero point both non-empty), else nil.
        let quantizedChannels: Int?
        let isInt8: Bool

        /// Bytes as TFLM computes them (element count × element size); ModelValidation bounds the shapes,
        /// and a dimension still negative (an unresolved −1) counts as empty.
        var bytes: Int { dims.contains { $0 < 0 } ? 0 : dims.reduce(1, *) * elementSize }
    }

    struct Op {
        let name: String
        let inputs: [Int]
        let outputs: [Int]
        let calledSubgraph: Int?
        let options: BuiltinOptions
        /// A RESHAPE whose output shape in the file holds −1 (Prepare copies the dimensions to resolve it).
        var stretchesOutput = false
    }

    struct Subgraph {
        var tensors: [TensorInfo]
        var operators: [Op]
        let inputs: [Int]
        let outputs: [Int]
    }

    var subgraphs: [Subgraph]
    /// VAR_HANDLE outputs (their data pointer is set in Prepare, so they are never planned).
    let handles: Set<TensorID>
    /// Distinct shared names (the Python wrapper's `count_resource_variables`).
    let resourceVariableNames: Int

    init(_ model: TFLiteModel) throws(EmulatorError) {
        try ModelValidation.check(model)
        var handles: Set<TensorID> = []
        var names: Set<String?> = []
        subgraphs = []
        for (subgraphIndex, subgraph) in model.subgraphs.enumerated() {
            let tensors = subgraph.tensors.map { tensor in
                TensorInfo(dims: tensor.dimensions.map(Int.init), elementSize: tensor.type.byteSize ?? 0,
                           hasData: model.constantData(of: tensor) != nil, isVariable: tensor.isVariable,
                           quantizedChannels: tensor.quantization?.isAffine == true ? tensor.quantization?.scale?.count : nil,
                           isInt8: tensor.type == .int8)
            }
            var operators: [Op] = []
            for (index, op) in subgraph.operators.enumerated() {
                guard let code = model.builtinOperator(of: op) else {
                    throw .malformedModel("operator \(index) of subgraph \(subgraphIndex) names operator code \(op.opcodeIndex), but the model has \(model.operatorCodes.count)")
                }
                guard KernelRegistry.kernels[code] != nil else {
                    throw .unsupportedOperator(code, subgraph: subgraphIndex, index: index)
                }
                var called: Int?
                if code == .callOnce { called = CallOnceKernel.target(of: op) }
                if code == .varHandle {
                    for output in op.outputs where output >= 0 { handles.insert(TensorID(subgraph: subgraphIndex, index: Int(output))) }
                    if case let .varHandle(options) = op.options { names.insert(options.sharedName) } else { names.insert(nil) }
                }
                operators.append(Op(name: code.description, inputs: op.inputs.map(Int.init), outputs: op.outputs.map(Int.init),
                                    calledSubgraph: called, options: op.options))
            }
            subgraphs.append(Subgraph(tensors: tensors, operators: operators, inputs: subgraph.inputs.map(Int.init),
                                      outputs: subgraph.outputs.map(Int.init)))
        }
        self.handles = handles
        resourceVariableNames = names.count
        try CallOnceGraph.checkAcyclic(model)
        resolveReshapes()
    }

    /// RESHAPE's Prepare writes the resolved −1 into its output's dimensions, which the planner then sizes.
    private mutating func resolveReshapes() {
        for s in subgraphs.indices {
            for (index, op) in subgraphs[s].operators.enumerated() where op.name == "RESHAPE" {
                guard let input = op.inputs.first, input >= 0, let output = op.outputs.first, output >= 0 else { continue }
                var dims = subgraphs[s].tensors[output].dims
                guard let stretch = dims.firstIndex(of: -1) else { continue }
                let known = dims.enumerated().reduce(1) { $1.offset == stretch ? $0 : $0 * $1.element }
                let count = subgraphs[s].tensors[input].dims.reduce(1, *)
                guard known > 0, count >= 0 else { continue }
                dims[stretch] = count / known
                subgraphs[s].tensors[output].dims = dims
                subgraphs[s].operators[index].stretchesOutput = true
            }
        }
    }
}
