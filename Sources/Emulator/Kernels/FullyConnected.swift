import TFLiteFormat

/// FULLY_CONNECTED, int8 (`fully_connected_common.cc`, `reference/integer_ops/fully_connected.h`).
/// Per-tensor weights: one multiplier from the *float* product `s_in·s_w` (`GetQuantizedConvolutionMultipler`,
/// which also requires the bias scale to match within 2 % of an output step) and
/// `acc = Σ (w − zp_w)·(x − zp_in)`. Per-channel weights: double products as CONV_2D and `Σ w·(x − zp_in)`.
enum FullyConnectedKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let options: FullyConnectedOptions
        if case let .fullyConnected(value) = node.options { options = value } else { options = FullyConnectedOptions() }
        let input = try graph.input(node, 0)
        let filter = try graph.input(node, 1)
        let bias = try graph.optionalInput(node, 2)
        let output = try graph.output(node, 0)
        let inSpec = graph[input], filterSpec = graph[filter], outSpec = graph[output]
        guard inSpec.type == outSpec.type else { throw node.fail("outputs \(outSpec.type) from a \(inSpec.type) input") }
        let unsupportedPair = (inSpec.type == .float32 && filterSpec.type != .float32)
            || (inSpec.type == .int8 && filterSpec.type != .int8 && filterSpec.type != .int4)
            || (inSpec.type == .int16 && filterSpec.type != .int8)
        guard !unsupportedPair else { throw node.fail("mixes a \(inSpec.type) input with \(filterSpec.type) weights") }
        _ = try graph.int8Tensor(node, input, "input")
        guard filterSpec.type == .int8 else { throw node.unsupported("has int4 weights; the emulator runs int8 weights only") }
        guard options.weightsFormat == 0 else { throw node.unsupported("has shuffled weights (format \(options.weightsFormat))") }
        let perChannel = filterSpec.isQuantized && filterSpec.scales.count > 1
        var multipliers: [Int32] = [], shifts: [Int32] = []
        if perChannel {
            guard filterSpec.dim(filterSpec.quantizedDimension) == filterSpec.scales.count else {
                throw node.fail("has \(filterSpec.scales.count) weight scales along dimension \(filterSpec.quantizedDimension) of \(filterSpec.dims)")
            }
            for scale in filterSpec.scales {
                let real = Double(inSpec.scale) * Double(scale) / Double(outSpec.scale)
                guard let q = QuantizedMultiplier(real) else { throw node.unsupported("has requantisation multiplier \(real)") }
                multipliers.append(q.multiplier)
                shifts.append(q.shift)
            }
        } else {
            let product = Double(inSpec.scale) * Double(filterSpec.scale)
            if let bias {
                let biasScale = graph[bias].isQuantized ? Double(graph[bias].scale) : 0
                guard abs(product - biasScale) / Double(outSpec.scale) <= 0.02 else {
                    throw node.fail("has bias scale \(graph[bias].scale), which differs from input × weight scale \(product) by more than 2 % of an output step")
                }
            }
            let floatProduct = Double(inSpec.scale * filterSpec.scale)
            guard floatProduct >= 0 else { throw node.fail("has a negative input × weight scale") }
            let real = floatProduct / Double(outSpec.scale)
            guard let q = QuantizedMultiplier(real) else { throw node.unsupported("has requantisation multiplier \(real)") }
            multipliers = [q.multiplier]
            shifts = [q.shift]
        }
        guard let range = ActivationRange(options.activation, type: outSpec.type, scale: outSpec.scale, zeroPoint: outSpec.zeroPoint) else {
            throw node.fail("cannot compute the \(options.activation) range of its \(outSpec.type) output")
        }
        // The reference kernel's shape arithmetic (DCHECKed only in TFLM).
        let filterDims = filterSpec.dims, outDims = outSpec.dims
        guard filterDims.count >= 2, !outDims.isEmpty else { throw node.unsupported("has weights \(filterDims) and output \(outDims)") }
        let depth = filterDims[filterDims.count - 1]
        let outputDepth = outDims[outDims.count - 1]
        let batches = Shape.product(outDims, 0 ..< outDims.count - 1)
        guard outputDepth <= filterDims[filterDims.count - 2], (inSpec.elementCount ?? 0) >= batches * depth,
              (filterSpec.elementCount ?? 0) >= outputDepth * depth
        else { throw node.unsupported("has input \(inSpec.dims), weights \(filterDims) and output \(outDims) that do not fit together") }
        if perChannel, multipliers.count < outputDepth { throw node.unsupported("has fewer weight scales than outputs") }
        let biasValues = try graph.biasValues(node, bias, count: outputDepth)
        try graph.checkInt16Offset(node, inSpec.zeroPoint)
        try graph.checkInt16Offset(node, filterSpec.zeroPoint)
        let filterOffset = perChannel ? 0 : 0 &- filterSpec.zeroPoint
        // Per-tensor weights carry their zero point (`w − zp_w`); per-channel ones do not use it.
        let weights = try graph.int8Constant(node, filter, "weights").prefix(outputDepth * depth).map { Int16(Int32($0) &+ filterOffset) }
        return FullyConnected(input: graph.slot(input), output: graph.slot(output), rowScratch: graph.requestScratch(depth * 2 + 64),
                              batches: batches, depth: depth, outputDepth: outputDepth, perChannel: perChannel,
                              inputOffset: 0 &- inSpec.zeroPoint, outputOffset: outSpec.zeroPoint, weights: weights,
                              multipliers: multipliers, shifts: shifts,
                              bias: biasValues ?? Array(repeating: 0, count: outputDepth), range: range)
    }

    /// The reference sums, computed as int16 dot products of the offset input row and the (offset) weights.
    struct FullyConnected: PreparedOperation {
        let input: TensorSlot, output: TensorSlot, rowScratch: Int
        let batches: Int, depth: Int, outputDepth: Int, perChannel: Bool
        let inputOffset: Int32, outputOffset: Int32
        let weights: [Int16], multipliers: [Int32], shifts: [Int32], bias: [Int32]
        let range: ActivationRange

        func invoke(_ runtime: Runtime) {
            let x = runtime.int8(input), y = runtime.int8(output)
            let row = runtime.scratch[rowScratch].assumingMemoryBound(to: Int16.self)
            let offset = Int16(truncatingIfNeeded: inputOffset)
            weights.withUnsafeBufferPointer { weights in
                guard let w = weights.baseAddress else { return }
                for batch in 0 ..< batches {
                    let source = x + batch * depth
                    for index in 0 ..< depth { row[index] = Int16(source[index]) &+ offset }
                    for channel in 0 ..< outputDepth {
                        let acc = dot16(w + channel * depth, row, depth) &+ bias[channel]
                        let which = perChannel ? channel : 0
                        let scaled = multiplyByQuantizedMultiplier(acc, multipliers[which], shifts[which]) &+ outputOffset
                        y[batch * outputDepth + channel] = Int8(truncatingIfNeeded: range.clamp(scaled))
                    }
                }
            }
        }
    }
}
