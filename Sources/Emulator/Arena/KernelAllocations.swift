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

    static func prepare(_ op: ArenaModel.Op, _ tensors: [ArenaModel.TensorInfo], layout: TFLMStructLayout) -> [Step] {
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
            return [.tempOutput(0), .tempInput(0), .tempInput(1), .persistent(4 * count), .persistent(4 * count),
                    .tempInput(0), .tempInput(1), .tempInput(2), .tempOutput(0)]
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
}
