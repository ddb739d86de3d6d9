/// A tensor's quantization parameters (schema.fbs `QuantizationParameters`): real = scale × (q − zero point),
/// per tensor (one scale) or per channel along `quantizedDimension`. Arrays are nil when the file omits them
/// and empty when it stores an empty vector (the official models carry an empty table on int32 tensors).
public struct Quantization: Hashable, Sendable {
    public var min: [Float]?
    public var max: [Float]?
    public var scale: [Float]?
    public var zeroPoint: [Int64]?
    /// A `details` union member, kept as its type number (TFLite Micro ignores it).
    public var detailsType: UInt8
    public var quantizedDimension: Int32

    public init(min: [Float]? = nil, max: [Float]? = nil, scale: [Float]? = nil, zeroPoint: [Int64]? = nil,
                detailsType: UInt8 = 0, quantizedDimension: Int32 = 0)
    {
        self.min = min
        self.max = max
        self.scale = scale
        self.zeroPoint = zeroPoint
        self.detailsType = detailsType
        self.quantizedDimension = quantizedDimension
    }

    /// Per-tensor parameters.
    public init(scale: Float, zeroPoint: Int64) {
        self.init(scale: [scale], zeroPoint: [zeroPoint])
    }

    /// Whether TFLite Micro treats the tensor as quantized: both a scale and a zero point vector, non-empty
    /// (`InitializeTfLiteTensorFromFlatbuffer`).
    public var isAffine: Bool {
        !(scale ?? []).isEmpty && !(zeroPoint ?? []).isEmpty
    }

    /// The first scale and zero point (TfLiteTensor.params), when the tensor is quantized.
    public var first: (scale: Float, zeroPoint: Int32)? {
        guard isAffine, let scale = scale?.first, let zeroPoint = zeroPoint?.first else { return nil }
        return (scale, Int32(truncatingIfNeeded: zeroPoint))
    }
}
