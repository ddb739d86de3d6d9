/// A named metadata entry (schema.fbs `Metadata`): its bytes live in buffer `buffer`.
public struct Metadata: Hashable, Sendable {
    public var name: String?
    public var buffer: UInt32

    public init(name: String?, buffer: UInt32) {
        self.name = name
        self.buffer = buffer
    }
}

/// A signature (schema.fbs `SignatureDef`): names for a subgraph's inputs and outputs.
public struct SignatureDef: Hashable, Sendable {
    public var inputs: [TensorMap]?
    public var outputs: [TensorMap]?
    public var signatureKey: String?
    public var subgraphIndex: UInt32

    public init(inputs: [TensorMap]?, outputs: [TensorMap]?, signatureKey: String?, subgraphIndex: UInt32) {
        self.inputs = inputs
        self.outputs = outputs
        self.signatureKey = signatureKey
        self.subgraphIndex = subgraphIndex
    }
}

/// A name for one tensor of a signature (schema.fbs `TensorMap`).
public struct TensorMap: Hashable, Sendable {
    public var name: String?
    public var tensorIndex: UInt32

    public init(name: String?, tensorIndex: UInt32) {
        self.name = name
        self.tensorIndex = tensorIndex
    }
}
