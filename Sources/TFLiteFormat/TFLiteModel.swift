/// A TFLite model as a value (schema.fbs `Model`, the subset micro_wake_word models use): read from bytes
/// with `TFLiteModel(bytes:)` (bounds-checked), written with `serialized()`.
public struct TFLiteModel: Hashable, Sendable {
    /// The schema version; ESPHome loads only version 3.
    public var version: UInt32
    public var operatorCodes: [OperatorCode]
    public var subgraphs: [Subgraph]
    public var description: String?
    public var buffers: [Buffer]
    public var metadataBuffer: [Int32]?
    public var metadata: [Metadata]?
    public var signatureDefs: [SignatureDef]?

    public init(version: UInt32 = 3, operatorCodes: [OperatorCode], subgraphs: [Subgraph], description: String? = nil,
                buffers: [Buffer], metadataBuffer: [Int32]? = nil, metadata: [Metadata]? = nil,
                signatureDefs: [SignatureDef]? = nil)
    {
        self.version = version
        self.operatorCodes = operatorCodes
        self.subgraphs = subgraphs
        self.description = description
        self.buffers = buffers
        self.metadataBuffer = metadataBuffer
        self.metadata = metadata
        self.signatureDefs = signatureDefs
    }

    /// The file identifier a TFLite file carries at bytes 4–7.
    public static let fileIdentifier = "TFL3"

    /// The operator an operator runs, or nil when its opcode index is outside the table.
    public func builtinOperator(of op: Operator) -> BuiltinOperator? {
        let index = Int(op.opcodeIndex)
        return index < operatorCodes.count ? operatorCodes[index].builtinOperator : nil
    }

    /// The distinct builtin operators the subgraphs use, sorted by name.
    public var usedOperators: [BuiltinOperator] {
        Set(subgraphs.flatMap { $0.operators.compactMap(builtinOperator(of:)) }).sorted()
    }

    /// The constant data of `tensor`, or nil when it has none (TFLite Micro's `GetFlatbufferTensorBuffer`).
    public func constantData(of tensor: Tensor) -> [UInt8]? {
        let index = Int(tensor.buffer)
        guard index < buffers.count, let data = buffers[index].data, !data.isEmpty else { return nil }
        return data
    }
}
