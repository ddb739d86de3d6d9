/// One tensor of a subgraph (schema.fbs `Tensor`): its shape, element type, the buffer holding constant data
/// (buffer 0 and empty buffers mean "computed at run time"), and its quantization.
public struct Tensor: Hashable, Sendable {
    public var shape: [Int32]?
    public var type: TensorType
    public var buffer: UInt32
    public var name: String?
    public var quantization: Quantization?
    public var isVariable: Bool
    public var shapeSignature: [Int32]?
    public var hasRank: Bool

    public init(shape: [Int32]?, type: TensorType, buffer: UInt32 = 0, name: String? = nil,
                quantization: Quantization? = nil, isVariable: Bool = false, shapeSignature: [Int32]? = nil,
                hasRank: Bool = false)
    {
        self.shape = shape
        self.type = type
        self.buffer = buffer
        self.name = name
        self.quantization = quantization
        self.isVariable = isVariable
        self.shapeSignature = shapeSignature
        self.hasRank = hasRank
    }

    /// The dimensions (empty for a scalar or a missing shape, as TFLite Micro reads it).
    public var dimensions: [Int32] { shape ?? [] }

    /// The element count as TFLite Micro computes it (product of the dimensions, 1 for a scalar), or nil
    /// when it overflows or a dimension is negative.
    public var elementCount: Int? {
        var count = 1
        for dimension in dimensions {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: Int(dimension))
            guard !overflow, product <= Int(Int32.max) else { return nil }
            count = product
        }
        return count
    }

    /// Bytes of data (elements × element size), or nil for an unsized type or an impossible shape.
    public var byteCount: Int? {
        guard let count = elementCount, let size = type.byteSize else { return nil }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        return overflow || bytes > Int(Int32.max) ? nil : bytes
    }
}
