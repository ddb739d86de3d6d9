import TFLiteFormat

/// What each kernel's Prepare allocates in the arena, in order (upstream `kernels/*.cc` and
/// esp-tflite-micro 1.3.3's, which agree for these operators apart from MEAN's scratch requests): temporary
/// TfLiteTensors for the tensors it inspects (`AllocateTemp{Input,Output}Tensor`), persistent per-channel
/// arrays, resource buffers, and scratch-buffer requests.
enum KernelAllocations {
    enum Step {
        case tempInput(Int)
        case tempOutput(Int)
        /// `context->AllocatePersistentBuffer(bytes)`: 16-byte aligned, in the tail.
        case persistent(Int)
        case scratch(Int)
        /// ASSIGN_VARIABLE: the first one per variable allocates a buffer of its value's size.
        case resourceBuffer(valueInput: Int)
    }

    static func prepare(_ op: ArenaModel.Op, _ tensors: [ArenaModel.TensorInfo], target: ArenaTarget) -> [Step] {
        let layout = target.layout
        let inputs = op.inputs.count
        func channels(_ input: Int, axis: Int) -> Int {
            guard input < op.inputs.count, op.inputs[input] >= 0 else { return 0 }
            let dims = tensors[op.inputs[input]].dims
            let resolved = axis < 0 ? dims.count + axis : axis
            return resolved >= 0 && resolved < dims.count ? dims[resolved] : 0
        }
        switch op.name {
        case "RESHAPE":
            var steps: [Step] = [.tempInput(0), .tempOutput(0)]
            if op.stretchesOutput, let output = op.outputs.first, output >= 0 {
                steps.append(.persistent(4 + 4 * tensors[output].dims.count)) // CreateWritableTensorDimsWithCopy
            }
            return steps
        case "READ_VARIABLE": return [.tempInput(0)]
        case "ASSIGN_VARIABLE": return [.tempInput(1), .resourceBuffer(valueInput: 1)]
        case "CONCATENATION": return [.tempInput(0), .tempOutput(0)] + (0 ..< inputs).map { .tempInput($0) }
        case "STRIDED_SLICE": return [.tempInput(0), .tempInput(1), .tempInput(2), .tempInput(3), .tempOutput(0)]
        case "CONV_2D", "DEPTHWISE_CONV_2D":
            let count = channels(1, axis: op.name == "CONV_2D" ? 0 : 3)
            var steps: [Step] = [.tempOutput(0), .tempInput(0), .tempInput(1), .persistent(4 * count), .persistent(4 * count),
                                 .tempInput(0), .tempInput(1), .tempInput(2), .tempOutput(0)]
            if target == .esp32s3, let bytes = espNNScratch(op, tensors), bytes > 0 { steps.append(.scratch(bytes)) }
            return steps
        case "FULLY_CONNECTED":
            var steps: [Step] = [.tempInput(0), .tempInput(1), .tempInput(2), .tempOutput(0)]
            if op.inputs.count > 1, op.inputs[1] >= 0, let scales = tensors[op.inputs[1]].quantizedChannels, scales > 1 {
                steps += [.persistent(4 * scales), .persistent(4 * scales)]
            }
            return steps
        case "LOGISTIC", "QUANTIZE", "AVERAGE_POOL_2D", "MAX_POOL_2D": return [.tempInput(0), .tempOutput(0)]
        case "SPLIT_V": return [.tempInput(2)]
        case "PAD": return [.tempInput(0), .tempInput(1)] + (inputs == 3 ? [.tempInput(2)] : []) + [.tempOutput(0)]
        case "ADD", "MUL": return [.tempInput(0), .tempInput(1), .tempOutput(0)]
        case "MEAN":
            let outputCount = op.outputs.first.map { $0 >= 0 ? tensors[$0].dims.reduce(1, *) : 0 } ?? 0
            var steps: [Step] = [.tempInput(0), .tempOutput(0), .tempInput(1), .scratch(4 * outputCount)]
            if layout.meanRequestsThreeScratchBuffers {
                let rank = op.inputs.first.map { $0 >= 0 ? tensors[$0].dims.count : 0 } ?? 0
                let axes = op.inputs.count > 1 && op.inputs[1] >= 0 ? tensors[op.inputs[1]].dims.reduce(1, *) : 0
                steps += [.scratch(4 * rank), .scratch(4 * axes)]
            }
            return steps + [.tempInput(0), .tempInput(1), .tempOutput(0)]
        default: return [] // CALL_ONCE, VAR_HANDLE, PACK: nothing
        }
    }

    /// ESP-NN's scratch request for an int8 convolution on the ESP32-S3.
    private static func espNNScratch(_ op: ArenaModel.Op, _ tensors: [ArenaModel.TensorInfo]) -> Int? {
        guard op.inputs.count >= 2, op.inputs[0] >= 0, op.inputs[1] >= 0, let outputIndex = op.outputs.first, outputIndex >= 0 else { return nil }
        let input = tensors[op.inputs[0]], filter = tensors[op.inputs[1]], output = tensors[outputIndex]
        guard input.isInt8, input.dims.count == 4, filter.dims.count == 4, output.dims.count == 4 else { return nil }
        var stride = (1, 1), dilation = (1, 1), padding: Padding = .same, multiplier = 1
        switch op.options {
        case let .conv2D(options):
            stride = (Int(options.strideH), Int(options.strideW))
            dilation = (Int(options.dilationH), Int(options.dilationW))
            padding = options.padding
        case let .depthwiseConv2D(options):
            stride = (Int(options.strideH), Int(options.strideW))
            dilation = (Int(options.dilationH), Int(options.dilationW))
            padding = options.padding
            multiplier = Int(options.depthMultiplier)
        default:
            stride = (0, 0)
            dilation = (0, 0)
        }
        let pad = ConvolutionPadding(padding: padding, strideHeight: stride.0, strideWidth: stride.1, dilationHeight: dilation.0,
                                     dilationWidth: dilation.1, inputHeight: input.dims[1], inputWidth: input.dims[2],
                                     filterHeight: filter.dims[1], filterWidth: filter.dims[2])
        let geometry = EspNNScratch.Geometry(
            inputWidth: input.dims[2], inputHeight: input.dims[1], inputChannels: input.dims[3],
            filterWidth: filter.dims[2], filterHeight: filter.dims[1],
            outputWidth: output.dims[2], outputHeight: output.dims[1], outputChannels: output.dims[3],
            padWidth: pad.width, padHeight: pad.height, strideWidth: stride.1, strideHeight: stride.0)
        return op.name == "CONV_2D" ? EspNNScratch.conv(geometry) : EspNNScratch.depthwise(geometry, multiplier: multiplier)
    }
}
