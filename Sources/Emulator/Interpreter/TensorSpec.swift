import TFLiteFormat

/// One tensor as the emulator sees it after reading the model: type, dimensions (TFLM never infers
/// shapes: these are the file's, apart from RESHAPE's −1), quantization, and constant data if any.
struct TensorSpec {
    var type: TensorType
    var dims: [Int]
    /// The first scale and zero point (TfLiteTensor.params), when the tensor is quantized.
    var scale: Float
    var zeroPoint: Int32
    var isQuantized: Bool
    /// Every scale and zero point (per-channel parameters).
    var scales: [Float]
    var zeroPoints: [Int64]
    var quantizedDimension: Int
    /// Constant data from the model's buffer, or nil when computed at run time.
    var constant: [UInt8]?
    var isVariable: Bool
    var name: String

    init(_ tensor: Tensor, model: TFLiteModel, index: Int) {
        type = tensor.type
        dims = tensor.dimensions.map(Int.init)
        let quantization = tensor.quantization
        isQuantized = quantization?.isAffine ?? false
        scale = quantization?.first?.scale ?? 0
        zeroPoint = quantization?.first?.zeroPoint ?? 0
        scales = quantization?.scale ?? []
        zeroPoints = quantization?.zeroPoint ?? []
        quantizedDimension = Int(quantization?.quantizedDimension ?? 0)
        constant = model.constantData(of: tensor)
        isVariable = tensor.isVariable
        name = tensor.name ?? "tensor \(index)"
    }

    /// Element count (product of dimensions), or nil for a negative dimension or an int32 overflow.
    var elementCount: Int? {
        var count = 1
        for dim in dims {
            guard dim >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= Int(Int32.max) else { return nil }
            count = product
        }
        return count
    }

    /// Bytes of data, or nil when the type or the shape cannot be sized.
    var byteCount: Int? {
        guard let count = elementCount, let size = type.byteSize else { return nil }
        return count * size
    }

    var isConstant: Bool { constant != nil }

    /// Dimension `index`, or nil when the tensor has fewer.
    func dim(_ index: Int) -> Int? { index >= 0 && index < dims.count ? dims[index] : nil }
}
