import TFLiteFormat

/// The per-channel requantisation of CONV_2D and DEPTHWISE_CONV_2D (`PopulateConvolutionQuantizationParams`):
/// for each output channel `QuantizeMultiplier((double)s_in · (double)s_w[c] / (double)s_out)`, one weight
/// scale broadcast to every channel when the weights are per-tensor; and the activation range.
struct ChannelQuantization {
    let multipliers: [Int32]
    let shifts: [Int32]
    let range: ActivationRange

    init(_ node: Node, _ graph: GraphBuilder, input: TensorID, filter: TensorID, bias: TensorID?, output: TensorID,
         channels: Int, activation: ActivationFunction) throws(EmulatorError)
    {
        let inSpec = graph[input], filterSpec = graph[filter], outSpec = graph[output]
        guard inSpec.isQuantized else { throw node.fail("has an input without quantization parameters") }
        guard filterSpec.isQuantized else { throw node.fail("has weights without quantization parameters") }
        let perChannel = filterSpec.scales.count > 1
        if perChannel {
            guard filterSpec.scales.count == channels else {
                throw node.fail("has \(filterSpec.scales.count) weight scales for \(channels) channels")
            }
            guard filterSpec.dim(filterSpec.quantizedDimension) == channels else {
                throw node.fail("quantizes weights along dimension \(filterSpec.quantizedDimension), which is not the \(channels) channels")
            }
        }
        var multipliers: [Int32] = [], shifts: [Int32] = []
        for channel in 0 ..< channels {
            let scale = perChannel ? filterSpec.scales[channel] : filterSpec.scales[0]
            let real = Double(inSpec.scale) * Double(scale) / Double(outSpec.scale)
            guard let quantized = QuantizedMultiplier(real) else {
                throw node.unsupported("has requantisation multiplier \(real) for channel \(channel), outside what TFLite Micro can apply")
            }
            multipliers.append(quantized.multiplier)
            shifts.append(quantized.shift)
        }
        guard let range = ActivationRange(activation, type: outSpec.type, scale: outSpec.scale, zeroPoint: outSpec.zeroPoint) else {
            throw node.fail("cannot compute the \(activation) range of its \(outSpec.type) output")
        }
        self.multipliers = multipliers
        self.shifts = shifts
        self.range = range
    }
}
