import TFLiteFormat

/// A quantized streaming graph as the int8 TFLite model ESPHome runs (SPEC §2):
///
/// - subgraph 0 `main`: input `[1, stride, 40]` int8 → CALL_ONCE (subgraph 1) → RESHAPE `[1, stride, 1, 40]`
///   → the graph's operations → LOGISTIC → QUANTIZE → output `[1, 1]` uint8. Each stream is VAR_HANDLE →
///   READ_VARIABLE → CONCATENATION(state, new) → STRIDED_SLICE (newest positions) → ASSIGN_VARIABLE, just
///   before its consumer, so that the state copies live briefly in the arena.
/// - subgraph 1 `init_states`: per stream VAR_HANDLE + ASSIGN_VARIABLE of a constant filled with the
///   stream's zero point (real 0.0).
///
/// Weights are symmetric int8 per output channel (FULLY_CONNECTED per tensor), biases int32 at
/// input scale × weight scale; every activation carries the plan's parameters.
public enum TFLiteLowering {
    /// Names in the model's signature (the official models' input name; the output says what it holds).
    public static let inputName = "input_audio"
    public static let outputName = "probability"
    public static let description = "wakesmith streaming MixedNet (int8)"
    /// TFLite's oldest runtime with the resource-variable operators (VAR_HANDLE, READ_VARIABLE,
    /// ASSIGN_VARIABLE: 2.6.0, as TensorFlow's converter records for the official models); every other
    /// operator version written here is older.
    public static let minimumRuntimeVersion = "2.6.0"

    public static func model(_ graph: StreamingGraph, _ plan: QuantizationPlan) -> TFLiteModel {
        var model = ModelAssembler()
        var main = SubgraphAssembler()
        let q = plan.parameters
        func shape(_ index: Int) -> [Int] {
            let value = graph.values[index]
            return value.isFlat ? [1, value.channels] : [1, value.frames, 1, value.channels]
        }
        var tensorOf = [Int32](repeating: -1, count: graph.values.count)
        func activation(_ index: Int) -> Int32 {
            if tensorOf[index] < 0 { tensorOf[index] = main.activation(graph.values[index].name, shape: shape(index), q[index]) }
            return tensorOf[index]
        }

        let input = main.activation(inputName, shape: [1, graph.stride, graph.values[graph.input].channels], q[graph.input])
        if !graph.states.isEmpty {
            main.add(.callOnce, inputs: [], outputs: [], options: .callOnce(CallOnceOptions(initSubgraphIndex: 1)), into: &model)
        }
        let reshapeShape = main.int32Constant("input/shape", shape(graph.input).map(Int32.init), into: &model)
        main.add(.reshape, inputs: [input, reshapeShape], outputs: [activation(graph.input)], into: &model)

        for operation in graph.operations {
            let output = graph.values[operation.output]
            switch operation {
            case let .stream(stateIndex, source, joined):
                let state = graph.states[stateIndex]
                let handle = main.tensor(state.name, .resource, shape: [])
                main.add(.varHandle, inputs: [], outputs: [handle],
                         options: .varHandle(VarHandleOptions(container: "", sharedName: state.name)), into: &model)
                let stateShape = [1, state.frames, 1, state.channels]
                let read = main.activation("\(output.name)/state", shape: stateShape, q[source])
                main.add(.readVariable, inputs: [handle], outputs: [read], into: &model)
                main.add(.concatenation, inputs: [read, activation(source)], outputs: [activation(joined)],
                         options: .concatenation(concatenationOptions(axis: 1)), into: &model)
                let kept = keepNewest(state.frames, of: activation(joined), channels: state.channels, name: "\(output.name)/next_state",
                                      quantization: q[source], main: &main, model: &model)
                main.add(.assignVariable, inputs: [handle, kept], outputs: [], into: &model)

            case let .convolution(conv, relu, source, _):
                let weights = QuantizedWeights(conv.kernel, channels: conv.outputChannels) { o in
                    Array(o * conv.kernelSize * conv.inputChannels ..< (o + 1) * conv.kernelSize * conv.inputChannels)
                }
                let filter = main.int8Constant("\(output.name)/filter", weights.values,
                                               shape: [conv.outputChannels, conv.kernelSize, 1, conv.inputChannels],
                                               scales: weights.scales, dimension: 0, into: &model)
                let bias = weights.biases(conv.bias, inputScale: q[source].scale)
                let biasTensor = main.biasConstant("\(output.name)/bias", bias.values, scales: bias.scales, into: &model)
                var options = Conv2DOptions()
                options.padding = .valid
                options.strideH = Int32(conv.stride)
                options.strideW = 1
                options.activation = relu ? .relu : .none
                main.add(.conv2D, inputs: [activation(source), filter, biasTensor], outputs: [activation(operation.output)],
                         options: .conv2D(options), into: &model)

            case let .depthwise(layer, source, _):
                let weights = QuantizedWeights(layer.kernel, channels: layer.channels) { c in
                    (0 ..< layer.kernelSize).map { $0 * layer.channels + c }
                }
                let filter = main.int8Constant("\(output.name)/filter", weights.values,
                                               shape: [1, layer.kernelSize, 1, layer.channels],
                                               scales: weights.scales, dimension: 3, into: &model)
                let bias = weights.biases(layer.bias, inputScale: q[source].scale)
                let biasTensor = main.biasConstant("\(output.name)/bias", bias.values, scales: bias.scales, into: &model)
                var options = DepthwiseConv2DOptions()
                options.padding = .valid
                options.strideH = 1
                options.strideW = 1
                options.depthMultiplier = 1
                main.add(.depthwiseConv2D, inputs: [activation(source), filter, biasTensor],
                         outputs: [activation(operation.output)], options: .depthwiseConv2D(options), into: &model)

            case let .addReLU(a, b, _):
                var options = AddOptions()
                options.activation = .relu
                main.add(.add, inputs: [activation(a), activation(b)], outputs: [activation(operation.output)],
                         options: .add(options), into: &model)

            case let .keepNewest(source, _):
                let kept = keepNewest(output.frames, of: activation(source), channels: output.channels, name: output.name,
                                      quantization: q[source], main: &main, model: &model)
                tensorOf[operation.output] = kept

            case let .averagePool(source, _):
                var options = Pool2DOptions()
                options.padding = .valid
                options.strideH = 1
                options.strideW = 1
                options.filterHeight = Int32(graph.values[source].frames)
                options.filterWidth = 1
                main.add(.averagePool2D, inputs: [activation(source)], outputs: [activation(operation.output)],
                         options: .pool2D(options), into: &model)

            case let .flatten(source, _):
                let newShape = main.int32Constant("\(output.name)/shape", shape(operation.output).map(Int32.init), into: &model)
                main.add(.reshape, inputs: [activation(source), newShape], outputs: [activation(operation.output)], into: &model)

            case let .dense(weightValues, biasValue, source, _):
                let weights = QuantizedWeights(weightValues, channels: 1) { _ in Array(weightValues.indices) }
                let filter = main.int8Constant("\(output.name)/weights", weights.values, shape: [1, weightValues.count],
                                               scales: weights.scales, dimension: 0, into: &model)
                let bias = weights.biases([biasValue], inputScale: q[source].scale)
                let biasTensor = main.biasConstant("\(output.name)/bias", bias.values, scales: bias.scales, into: &model)
                main.add(.fullyConnected, inputs: [activation(source), filter, biasTensor],
                         outputs: [activation(operation.output)], options: .fullyConnected(FullyConnectedOptions()),
                         into: &model)

            case let .logistic(source, _):
                main.add(.logistic, inputs: [activation(source)], outputs: [activation(operation.output)], into: &model)
            }
        }
        let output = main.tensor(outputName, .uint8, shape: [1, 1],
                                 quantization: Quantization(scale: QuantizationPlan.output.scale,
                                                            zeroPoint: Int64(QuantizationPlan.output.zeroPoint)))
        main.add(.quantize, inputs: [activation(graph.probability)], outputs: [output], into: &model)

        var subgraphs = [Subgraph(tensors: main.tensors, inputs: [input], outputs: [output], operators: main.operators,
                                  name: "main")]
        if !graph.states.isEmpty {
            var initial = SubgraphAssembler()
            for (index, state) in graph.states.enumerated() {
                let handle = initial.tensor(state.name, .resource, shape: [])
                initial.add(.varHandle, inputs: [], outputs: [handle],
                            options: .varHandle(VarHandleOptions(container: "", sharedName: state.name)), into: &model)
                let zero = plan.state(index, in: graph)
                let values = [UInt8](repeating: UInt8(bitPattern: Int8(zero.zeroPoint)), count: state.frames * state.channels)
                let constant = initial.tensor("\(state.name)/initial", .int8, shape: [1, state.frames, 1, state.channels],
                                              buffer: model.buffer(values),
                                              quantization: Quantization(scale: zero.scale, zeroPoint: Int64(zero.zeroPoint)))
                initial.add(.assignVariable, inputs: [handle, constant], outputs: [], into: &model)
            }
            subgraphs.append(Subgraph(tensors: initial.tensors, inputs: [], outputs: [], operators: initial.operators,
                                      name: "init_states"))
        }
        var result = TFLiteModel(operatorCodes: model.operatorCodes, subgraphs: subgraphs, description: description,
                                 buffers: model.buffers,
                                 signatureDefs: [SignatureDef(inputs: [TensorMap(name: inputName, tensorIndex: UInt32(input))],
                                                              outputs: [TensorMap(name: outputName, tensorIndex: UInt32(output))],
                                                              signatureKey: "serving_default", subgraphIndex: 0)])
        result.appendMetadata(name: ConverterMetadata.minRuntimeVersionName,
                              bytes: ConverterMetadata.minRuntimeVersion(minimumRuntimeVersion))
        result.appendMetadata(name: ConverterMetadata.conversionMetadataName,
                              bytes: ConverterMetadata.conversionMetadata(optimizationModes: [.postTrainingFullInteger]))
        return result
    }

    private static func concatenationOptions(axis: Int32) -> ConcatenationOptions {
        var options = ConcatenationOptions()
        options.axis = axis
        return options
    }

    /// STRIDED_SLICE of the newest `frames` positions of a `[1, T, 1, C]` tensor, as the official models
    /// write it: begin `[0, −frames, 0, 0]`, end `[0, 0, 0, C]`, strides 1, begin mask 0b1101, end mask 0b1111.
    private static func keepNewest(_ frames: Int, of source: Int32, channels: Int, name: String,
                                   quantization: AffineQuantization, main: inout SubgraphAssembler,
                                   model: inout ModelAssembler) -> Int32
    {
        let begin = main.int32Constant("\(name)/begin", [0, Int32(-frames), 0, 0], into: &model)
        let end = main.int32Constant("\(name)/end", [0, 0, 0, Int32(channels)], into: &model)
        let strides = main.int32Constant("\(name)/strides", [1, 1, 1, 1], into: &model)
        let output = main.activation(name, shape: [1, frames, 1, channels], quantization)
        var options = StridedSliceOptions()
        options.beginMask = 0b1101
        options.endMask = 0b1111
        main.add(.stridedSlice, inputs: [source, begin, end, strides], outputs: [output], options: .stridedSlice(options),
                 into: &model)
        return output
    }
}
