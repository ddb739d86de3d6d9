import TFLiteFormat

/// Collects the parts of a TFLite model while it is written: operator codes (each added once, in first
/// use order), buffers (buffer 0 is the empty sentinel; each constant gets its own), and per subgraph the
/// tensors and operators.
struct ModelAssembler {
    private(set) var operatorCodes: [OperatorCode] = []
    private(set) var buffers: [Buffer] = [Buffer()]

    /// The operator code index of `op`, added with its `version` on first use.
    mutating func opcode(_ op: BuiltinOperator) -> UInt32 {
        if let index = operatorCodes.firstIndex(where: { $0.builtinOperator == op }) { return UInt32(index) }
        operatorCodes.append(OperatorCode(op, version: OperatorVersions.version(of: op)))
        return UInt32(operatorCodes.count - 1)
    }

    /// A new buffer holding `bytes`.
    mutating func buffer(_ bytes: [UInt8]) -> UInt32 {
        buffers.append(Buffer(data: bytes))
        return UInt32(buffers.count - 1)
    }
}

/// One subgraph being written.
struct SubgraphAssembler {
    var tensors: [TFLiteFormat.Tensor] = []
    var operators: [Operator] = []

    /// Adds a tensor; returns its index.
    mutating func tensor(_ name: String, _ type: TensorType, shape: [Int], buffer: UInt32 = 0,
                         quantization: Quantization? = Quantization()) -> Int32
    {
        tensors.append(TFLiteFormat.Tensor(shape: shape.map(Int32.init), type: type, buffer: buffer, name: name,
                                           quantization: quantization))
        return Int32(tensors.count - 1)
    }

    /// An int8 activation tensor with per-tensor parameters.
    mutating func activation(_ name: String, shape: [Int], _ q: AffineQuantization) -> Int32 {
        tensor(name, .int8, shape: shape, quantization: Quantization(scale: q.scale, zeroPoint: Int64(q.zeroPoint)))
    }

    /// A constant int32 vector (shapes, slice bounds): empty quantization, as the converter writes it.
    mutating func int32Constant(_ name: String, _ values: [Int32], shape: [Int]? = nil,
                                into model: inout ModelAssembler) -> Int32
    {
        let bytes = values.flatMap { value in (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        return tensor(name, .int32, shape: shape ?? [values.count], buffer: model.buffer(bytes))
    }

    /// A constant int8 tensor quantized per channel along `dimension` (zero points 0).
    mutating func int8Constant(_ name: String, _ values: [Int8], shape: [Int], scales: [Float], dimension: Int,
                               into model: inout ModelAssembler) -> Int32
    {
        let quantization = Quantization(scale: scales, zeroPoint: [Int64](repeating: 0, count: scales.count),
                                        quantizedDimension: Int32(dimension))
        return tensor(name, .int8, shape: shape, buffer: model.buffer(values.map { UInt8(bitPattern: $0) }),
                      quantization: quantization)
    }

    /// A constant int32 bias quantized per channel (scales `inputScale × weightScale`, zero points 0).
    mutating func biasConstant(_ name: String, _ values: [Int32], scales: [Float], into model: inout ModelAssembler) -> Int32 {
        let bytes = values.flatMap { value in (0 ..< 4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        let quantization = Quantization(scale: scales, zeroPoint: [Int64](repeating: 0, count: scales.count))
        return tensor(name, .int32, shape: [values.count], buffer: model.buffer(bytes), quantization: quantization)
    }

    mutating func add(_ op: BuiltinOperator, inputs: [Int32], outputs: [Int32], options: BuiltinOptions = .none,
                      into model: inout ModelAssembler)
    {
        operators.append(Operator(opcodeIndex: model.opcode(op), inputs: inputs, outputs: outputs, options: options))
    }
}

/// The operator versions written into operator codes: those TensorFlow's converter records for the same
/// int8 operators in the official models (shared/notes/tflite_tflm.md §2); TFLite Micro ignores them.
enum OperatorVersions {
    static func version(of op: BuiltinOperator) -> Int32 {
        switch op {
        case .conv2D, .depthwiseConv2D: 3
        case .fullyConnected: 4
        case .concatenation, .stridedSlice, .splitV, .logistic, .add, .averagePool2D: 2
        default: 1
        }
    }
}
