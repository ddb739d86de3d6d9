import Frontend

/// The int8 parameters of every value of a streaming graph.
///
/// Fixed by the device: the input (scale 26/255, zero point −128: the firmware's integer feature mapping,
/// SPEC §1) and the probability (LOGISTIC's int8 output, scale 1/256, zero point −128; the QUANTIZE after
/// it makes the uint8 output of scale 1/256, zero point 0). Shared because TFLM's kernels copy bytes: a
/// stream's joined value and its state take the parameters of the value they stream (CONCATENATION requires
/// equal parameters on every input and the output), and so do the newest-positions slice, the average
/// pool and the flatten. Every other value gets asymmetric parameters from its calibrated range — the
/// logit's range cut to `logitRange` first.
///
/// The logit cut is where this differs from TensorFlow's converter (whose official models spend the int8
/// logit on about −27…+17, 0.15–0.19 per step): the uint8 output only changes for logits between −6.3
/// (below, it reads 0) and +5.2 (above, 255), so a range of ±8 loses no output value and makes each step
/// about three times finer where the cutoff lies.
public struct QuantizationPlan: Sendable {
    public var parameters: [AffineQuantization]

    public static let input = AffineQuantization(scale: FeatureScaling.modelInputScale,
                                                 zeroPoint: Int32(FeatureScaling.modelInputZeroPoint))
    public static let probability = AffineQuantization(scale: 1.0 / 256.0, zeroPoint: -128)
    public static let output = AffineQuantization(scale: 1.0 / 256.0, zeroPoint: 0)
    /// The logits whose int8 form is worth resolving (see above).
    public static let logitRange: ClosedRange<Float> = -8 ... 8

    public init(graph: StreamingGraph, calibration: Calibration) {
        var parameters = [AffineQuantization?](repeating: nil, count: graph.values.count)
        parameters[graph.input] = Self.input
        for operation in graph.operations {
            switch operation {
            case let .stream(_, input, output), let .keepNewest(input, output), let .averagePool(input, output),
                 let .flatten(input, output):
                parameters[output] = parameters[input]
            case let .logistic(_, output):
                parameters[output] = Self.probability
            default:
                var range = calibration.range(operation.output)
                if operation.output == graph.logit {
                    range = (max(range.min, Self.logitRange.lowerBound), min(range.max, Self.logitRange.upperBound))
                }
                parameters[operation.output] = .asymmetric(min: range.min, max: range.max)
            }
        }
        self.parameters = parameters.map { $0 ?? Self.input }
    }

    /// Parameters of the stream state `state` (those of the value it keeps).
    public func state(_ state: Int, in graph: StreamingGraph) -> AffineQuantization {
        for case let .stream(index, input, _) in graph.operations where index == state { return parameters[input] }
        return Self.input
    }
}
