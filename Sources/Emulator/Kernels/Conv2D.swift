import TFLiteFormat

/// CONV_2D, int8 (`conv_common.cc`, `reference/integer_ops/conv.h` ConvPerChannel): per output channel
/// `acc = Σ w·(x − zp_in)` over the in-image taps (out-of-image taps are skipped: zero padding in real
/// terms), `+ bias`, `MultiplyByQuantizedMultiplier`, `+ zp_out`, clamp to the activation range.
enum Conv2DKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: Conv2DOptions
        if case let .conv2D(value) = node.options { options = value } else { options = Conv2DOptions.zeroed }
        let output = try graph.output(node, 0)
        let input = try graph.input(node, 0)
        let filter = try graph.input(node, 1)
        let inSpec = graph[input], outSpec = graph[output], filterSpec = graph[filter]
        guard inSpec.type == outSpec.type else { throw node.fail("outputs \(outSpec.type) from a \(inSpec.type) input") }
        let supported = (inSpec.type == .float32 && filterSpec.type == .float32) || (inSpec.type == .int16 && filterSpec.type == .int8)
            || (inSpec.type == .int8 && (filterSpec.type == .int4 || filterSpec.type == .int8))
        guard supported else { throw node.fail("mixes a \(inSpec.type) input with \(filterSpec.type) weights (hybrid models are not supported)") }
        _ = try graph.int8Tensor(node, input, "input")
        guard filterSpec.type == .int8 else { throw node.unsupported("has int4 weights; the emulator runs int8 weights only") }
        guard let i = inSpec.nhwc, let o = outSpec.nhwc, let f = filterSpec.nhwc else {
            throw node.unsupported("needs 4-D input, weights and output (TFLite Micro reads dimensions past the end)")
        }
        let channels = f.n
        guard filterSpec.isQuantized else { throw node.fail("has weights without quantization parameters") }
        guard filterSpec.scales.count == 1 || filterSpec.scales.count == channels else {
            throw node.fail("has \(filterSpec.scales.count) weight scales for \(channels) output channels")
        }
        guard node.inputCount == 2 || node.inputCount == 3 else { throw node.fail("has \(node.inputCount) inputs; it needs 2 or 3") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let padding = ConvolutionPadding(padding: options.padding, strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
                                         dilationHeight: Int(options.dilationH), dilationWidth: Int(options.dilationW),
                                         inputHeight: i.h, inputWidth: i.w, filterHeight: f.h, filterWidth: f.w)
        let bias = try graph.optionalInput(node, 2)
        let quantization = try ChannelQuantization(node, graph, input: input, filter: filter, bias: bias, output: output,
                                                   channels: channels, activation: options.activation)
        // ConvPerChannel's shape relations, which TFLM only DCHECKs.
        guard i.n == o.n, o.c == channels, f.c > 0, i.c % f.c == 0 else {
            throw node.unsupported("has input \(inSpec.dims), weights \(filterSpec.dims) and output \(outSpec.dims) that do not fit together")
        }
        let groups = i.c / f.c
        guard groups > 0, channels % groups == 0, channels / groups > 0 else {
            throw node.unsupported("has \(channels) output channels for \(groups) groups")
        }
        let biasValues = try graph.biasValues(node, bias, count: channels)
        try graph.checkInt16Offset(node, inSpec.zeroPoint)
        let weights = try graph.int8Constant(node, filter, "weights")
        let depth = f.h * f.w * f.c
        guard weights.count >= channels * depth else { throw node.unsupported("has \(weights.count) weights for shape \(filterSpec.dims)") }
        let patch = graph.requestScratch(groups * depth * 2 + 64)
        return Conv(input: graph.slot(input), output: graph.slot(output), patchScratch: patch,
                    batches: i.n, inputHeight: i.h, inputWidth: i.w, inputDepth: i.c,
                    filterHeight: f.h, filterWidth: f.w, filterDepth: f.c, outputHeight: o.h, outputWidth: o.w,
                    outputDepth: channels, groups: groups, filtersPerGroup: channels / groups,
                    strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
                    dilationHeight: Int(options.dilationH), dilationWidth: Int(options.dilationW),
                    padHeight: padding.height, padWidth: padding.width,
                    inputOffset: 0 &- inSpec.zeroPoint, outputOffset: outSpec.zeroPoint,
                    weights: weights.map(Int16.init), multipliers: quantization.multipliers, shifts: quantization.shifts,
                    bias: biasValues ?? Array(repeating: 0, count: channels), range: quantization.range)
    }

    /// ConvPerChannel, rearranged for speed with the same sums: for each output pixel the input patch
    /// (offset applied, zero for out-of-image taps, which the reference skips) is gathered once as int16,
    /// then each output channel is one int16 dot product accumulated in wrapping int32 (any order gives the
    /// same value modulo 2^32, as the reference's int32 accumulation does).
    struct Conv: PreparedOperation {
        let input: TensorSlot, output: TensorSlot, patchScratch: Int
        let batches: Int, inputHeight: Int, inputWidth: Int, inputDepth: Int
        let filterHeight: Int, filterWidth: Int, filterDepth: Int
        let outputHeight: Int, outputWidth: Int, outputDepth: Int, groups: Int, filtersPerGroup: Int
        let strideHeight: Int, strideWidth: Int, dilationHeight: Int, dilationWidth: Int
        let padHeight: Int, padWidth: Int
        let inputOffset: Int32, outputOffset: Int32
        let weights: [Int16], multipliers: [Int32], shifts: [Int32], bias: [Int32]
        let range: ActivationRange

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(input), y = runtime.int8(output)
            let patch = runtime.scratch[patchScratch].assumingMemoryBound(to: Int16.self)
            let depth = filterHeight * filterWidth * filterDepth
            let offset = Int16(truncatingIfNeeded: inputOffset)
            weights.withUnsafeBufferPointer { weights in
                multipliers.withUnsafeBufferPointer { multiplier in
                    shifts.withUnsafeBufferPointer { shift in
                        bias.withUnsafeBufferPointer { bias in
                            guard let w = weights.baseAddress else { return }
                            for batch in 0 ..< batches {
                                for outY in 0 ..< outputHeight {
                                    let inYOrigin = outY * strideHeight - padHeight
                                    for outX in 0 ..< outputWidth {
                                        let inXOrigin = outX * strideWidth - padWidth
                                        for group in 0 ..< groups {
                                            var k = group * depth
                                            for filterY in 0 ..< filterHeight {
                                                let inY = inYOrigin + dilationHeight * filterY
                                                for filterX in 0 ..< filterWidth {
                                                    let inX = inXOrigin + dilationWidth * filterX
                                                    if inY >= 0, inY < inputHeight, inX >= 0, inX < inputWidth {
                                                        let pixel = x + ((batch * inputHeight + inY) * inputWidth + inX) * inputDepth + group * filterDepth
                                                        for channel in 0 ..< filterDepth { patch[k + channel] = Int16(pixel[channel]) &+ offset }
                                                    } else {
                                                        for channel in 0 ..< filterDepth { patch[k + channel] = 0 }
                                                    }
                                                    k += filterDepth
                                                }
                                            }
                                        }
                                        let out = y + ((batch * outputHeight + outY) * outputWidth + outX) * outputDepth
                                        for channel in 0 ..< outputDepth {
                                            let source = patch + (channel / filtersPerGroup) * depth
                                            let total = dot16(w + channel * depth, source, depth) &+ bias[channel]
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

/// Σ a[i]·b[i] of int16 values in wrapping int32 arithmetic (vectorised by the compiler).
@inline(__always)
func dot16(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ count: Int) -> Int32 {
    var sum: Int32 = 0
    for index in 0 ..< count { sum &+= Int32(a[index]) &* Int32(b[index]) }
    return sum
}

extension Conv2DOptions {
    /// What TFLM's parser leaves when the options table is missing: every field zero.
    static var zeroed: Conv2DOptions {
        var options = Conv2DOptions()
        options.dilationW = 0
        options.dilationH = 0
        return options
    }
}
