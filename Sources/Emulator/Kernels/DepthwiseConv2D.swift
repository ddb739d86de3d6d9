import TFLiteFormat

/// DEPTHWISE_CONV_2D, int8 (`depthwise_conv_common.cc`, `reference/integer_ops/depthwise_conv.h`):
/// output channel `c·multiplier + m` accumulates `w[0, fy, fx, oc]·(x[…, c] − zp_in)` over the in-image
/// taps, then requantises per channel like CONV_2D.
enum DepthwiseConv2DKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: DepthwiseConv2DOptions
        if case let .depthwiseConv2D(value) = node.options { options = value } else { options = DepthwiseConv2DOptions.zeroed }
        let output = try graph.output(node, 0)
        let input = try graph.input(node, 0)
        let filter = try graph.input(node, 1)
        let inSpec = graph[input], outSpec = graph[output], filterSpec = graph[filter]
        guard let i = inSpec.nhwc, let o = outSpec.nhwc, let f = filterSpec.nhwc else {
            throw node.unsupported("needs 4-D input, weights and output (TFLite Micro reads dimensions past the end)")
        }
        let channels = f.c
        if inSpec.type == .int8 {
            guard filterSpec.isQuantized else { throw node.fail("has weights without quantization parameters") }
            guard filterSpec.scales.count == 1 || filterSpec.scales.count == channels else {
                throw node.fail("has \(filterSpec.scales.count) weight scales for \(channels) output channels")
            }
            guard filterSpec.scales.count == filterSpec.zeroPoints.count else {
                throw node.fail("has \(filterSpec.scales.count) weight scales but \(filterSpec.zeroPoints.count) zero points")
            }
        }
        let hybrid = !(inSpec.type == filterSpec.type || (inSpec.type == .int8 && (filterSpec.type == .int4 || filterSpec.type == .int8))
            || (inSpec.type == .int16 && filterSpec.type == .int8))
        guard !hybrid else { throw node.fail("mixes a \(inSpec.type) input with \(filterSpec.type) weights (hybrid models are not supported)") }
        _ = try graph.int8Tensor(node, input, "input")
        _ = try graph.int8Tensor(node, output, "output")
        guard filterSpec.type == .int8 else { throw node.unsupported("has \(filterSpec.type) weights; the emulator runs int8 weights only") }
        guard node.inputCount == 2 || node.inputCount == 3 else { throw node.fail("has \(node.inputCount) inputs; it needs 2 or 3") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let padding = ConvolutionPadding(padding: options.padding, strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
                                         dilationHeight: Int(options.dilationH), dilationWidth: Int(options.dilationW),
                                         inputHeight: i.h, inputWidth: i.w, filterHeight: f.h, filterWidth: f.w)
        let bias = try graph.optionalInput(node, 2)
        let quantization = try ChannelQuantization(node, graph, input: input, filter: filter, bias: bias, output: output,
                                                   channels: channels, activation: options.activation)
        let multiplier = Int(options.depthMultiplier)
        guard i.n == o.n, o.c == channels, multiplier >= 1, channels == i.c * multiplier else {
            throw node.unsupported("has input \(inSpec.dims), weights \(filterSpec.dims), output \(outSpec.dims) and depth multiplier \(multiplier) that do not fit together")
        }
        let biasValues = try graph.biasValues(node, bias, count: channels)
        try graph.checkInt16Offset(node, inSpec.zeroPoint)
        let weights = try graph.int8Constant(node, filter, "weights")
        guard weights.count >= f.h * f.w * channels else { throw node.unsupported("has \(weights.count) weights for shape \(filterSpec.dims)") }
        let scratch = graph.requestScratch(channels * 4 + 64)
        return Depthwise(input: graph.slot(input), weights: weights.prefix(f.h * f.w * channels).map(Int16.init), output: graph.slot(output), scratch: scratch,
                         batches: i.n, inputHeight: i.h, inputWidth: i.w, inputDepth: i.c,
                         filterHeight: f.h, filterWidth: f.w, outputHeight: o.h, outputWidth: o.w,
                         outputDepth: channels, depthMultiplier: multiplier,
                         strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
                         dilationHeight: Int(options.dilationH), dilationWidth: Int(options.dilationW),
                         padHeight: padding.height, padWidth: padding.width,
                         inputOffset: 0 &- inSpec.zeroPoint, outputOffset: outSpec.zeroPoint,
                         multipliers: quantization.multipliers, shifts: quantization.shifts,
                         bias: biasValues ?? Array(repeating: 0, count: channels), range: quantization.range)
    }

    struct Depthwise: PreparedOperation {
        let input: TensorSlot, weights: [Int16], output: TensorSlot, scratch: Int
        let batches: Int, inputHeight: Int, inputWidth: Int, inputDepth: Int
        let filterHeight: Int, filterWidth: Int, outputHeight: Int, outputWidth: Int
        let outputDepth: Int, depthMultiplier: Int
        let strideHeight: Int, strideWidth: Int, dilationHeight: Int, dilationWidth: Int
        let padHeight: Int, padWidth: Int
        let inputOffset: Int32, outputOffset: Int32
        let multipliers: [Int32], shifts: [Int32], bias: [Int32]
        let range: ActivationRange

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(input), y = runtime.int8(output)
            let acc = runtime.scratch[scratch].assumingMemoryBound(to: Int32.self)
            let offset = Int16(truncatingIfNeeded: inputOffset)
            weights.withUnsafeBufferPointer { weights in
            guard let w = weights.baseAddress else { return }
            multipliers.withUnsafeBufferPointer { multiplier in
                shifts.withUnsafeBufferPointer { shift in
                    bias.withUnsafeBufferPointer { bias in
                        for batch in 0 ..< batches {
                            for outY in 0 ..< outputHeight {
                                let inYOrigin = outY * strideHeight - padHeight
                                for outX in 0 ..< outputWidth {
                                    let inXOrigin = outX * strideWidth - padWidth
                                    acc.initialize(repeating: 0, count: outputDepth)
                                    for filterY in 0 ..< filterHeight {
                                        let inY = inYOrigin + dilationHeight * filterY
                                        guard inY >= 0, inY < inputHeight else { continue }
                                        for filterX in 0 ..< filterWidth {
                                            let inX = inXOrigin + dilationWidth * filterX
                                            guard inX >= 0, inX < inputWidth else { continue }
                                            let pixel = x + ((batch * inputHeight + inY) * inputWidth + inX) * inputDepth
                                            let taps = w + (filterY * filterWidth + filterX) * outputDepth
                                            if depthMultiplier == 1 {
                                                for channel in 0 ..< outputDepth {
                                                    acc[channel] &+= Int32(taps[channel]) &* Int32(Int16(pixel[channel]) &+ offset)
                                                }
                                            } else {
                                                for channel in 0 ..< outputDepth {
                                                    let source = Int32(Int16(pixel[channel / depthMultiplier]) &+ offset)
                                                    acc[channel] &+= Int32(taps[channel]) &* source
                                                }
                                            }
                                        }
                                    }
                                    let out = y + ((batch * outputHeight + outY) * outputWidth + outX) * outputDepth
                                    for channel in 0 ..< outputDepth {
                                        let total = acc[channel] &+ bias[channel]
                                        let scaled = multiplyByQuantizedMultiplier(total, multiplier[channel], shift[channel]) &+ outputOffset
                                        out[channel] = Int8(truncatingIfNeeded: range.clamp(scaled))
                                    }
                                }
                            }
                        }
                    }
                }
            }
            }
        }
    }
}

extension DepthwiseConv2DOptions {
    /// What TFLM's parser leaves when the options table is missing: every field zero.
    static var zeroed: DepthwiseConv2DOptions {
        var options = DepthwiseConv2DOptions()
        options.dilationW = 0
        options.dilationH = 0
        return options
    }
}
