/// int8 affine quantization, `real = scale · (q − zeroPoint)`, chosen as TensorFlow's converter chooses it
/// for activations (asymmetric, the range widened to hold 0 and the zero point rounded, so that 0.0 — the
/// streams' initial state and every ReLU's floor — is exactly representable) and for weights (symmetric
/// per channel, values in [−127, 127]).
public struct AffineQuantization: Hashable, Sendable, CustomStringConvertible {
    public var scale: Float
    public var zeroPoint: Int32

    public init(scale: Float, zeroPoint: Int32) {
        self.scale = scale
        self.zeroPoint = zeroPoint
    }

    /// The scale used for a range of zero width (a value that is always 0): any positive scale represents it.
    static let degenerateScale: Float = 1.0 / 256.0

    /// Asymmetric int8 parameters covering `[min, max]` (widened to include 0).
    public static func asymmetric(min lower: Float, max upper: Float) -> AffineQuantization {
        let low = Double(Swift.min(lower, 0)), high = Double(Swift.max(upper, 0))
        guard high - low > 1e-12 else { return AffineQuantization(scale: degenerateScale, zeroPoint: -128) }
        let scale = (high - low) / 255
        let zeroPointFromMin = -128 - low / scale
        let zeroPoint = Swift.min(Swift.max(zeroPointFromMin.rounded(.toNearestOrAwayFromZero), -128), 127)
        return AffineQuantization(scale: Float(scale), zeroPoint: Int32(zeroPoint))
    }

    /// The int8 value of `real` (rounded half away from zero, saturated).
    public func quantize(_ real: Float) -> Int8 {
        let q = (Double(real) / Double(scale)).rounded(.toNearestOrAwayFromZero) + Double(zeroPoint)
        return Int8(Swift.min(Swift.max(q, -128), 127))
    }

    public func dequantize(_ q: Int8) -> Float { scale * Float(Int32(q) - zeroPoint) }

    /// The real range the int8 values cover.
    public var range: ClosedRange<Float> { dequantize(-128) ... dequantize(127) }

    public var description: String { "scale \(scale) zero point \(zeroPoint)" }
}

/// Symmetric int8 weights, one scale per output channel (zero points 0), and int32 biases at
/// `input scale × weight scale`: what TFLM's CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED expect.
public struct QuantizedWeights: Sendable {
    public var values: [Int8]
    public var scales: [Float]

    /// Quantizes `weights` whose channel `c` holds the elements `channel(c)` (indices into `weights`).
    /// A channel of zeros gets scale 1.
    public init(_ weights: [Float], channels: Int, indices: (Int) -> [Int]) {
        values = [Int8](repeating: 0, count: weights.count)
        scales = []
        for c in 0 ..< channels {
            let members = indices(c)
            let largest = members.reduce(Float(0)) { Swift.max($0, abs(weights[$1])) }
            let scale = largest > 0 ? largest / 127 : 1
            scales.append(scale)
            for index in members {
                let q = (Double(weights[index]) / Double(scale)).rounded(.toNearestOrAwayFromZero)
                values[index] = Int8(Swift.min(Swift.max(q, -127), 127))
            }
        }
    }

    /// int32 biases for an input of scale `inputScale`: `round(b / (inputScale · weightScale[c]))`, saturated.
    public func biases(_ bias: [Float], inputScale: Float) -> (values: [Int32], scales: [Float]) {
        var values: [Int32] = [], scales: [Float] = []
        for (c, b) in bias.enumerated() {
            let scale = inputScale * self.scales[self.scales.count == 1 ? 0 : c]
            let q = (Double(b) / Double(scale)).rounded(.toNearestOrAwayFromZero)
            values.append(Int32(Swift.min(Swift.max(q, Double(Int32.min)), Double(Int32.max))))
            scales.append(scale)
        }
        return (values, scales)
    }
}
