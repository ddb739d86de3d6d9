import Training

extension StreamingGraph {
    /// The streaming form of `network` (SPEC §4: every temporal layer keeps its last kernel − 1 input
    /// positions; the first convolution keeps kernel − stride input frames).
    ///
    /// Per step of `stride` frames: the first convolution (when present) turns them into one position, or
    /// the blocks see all `stride` of them; each repeat's depthwise convolution runs on its stream's
    /// `kernel − 1 + T` positions and yields T; the head streams `frames − 1` positions, keeps the newest
    /// `frames` and maps them to one logit. Output n equals `MixedNet.probabilities(_, padding: .causal)`
    /// at the newest position of step n.
    public init(_ network: FoldedMixedNet) {
        let architecture = network.architecture
        var graph = StreamingGraph(stride: architecture.stride, values: [], states: [], operations: [], input: 0,
                                   logit: 0, probability: 0)
        var x = graph.addValue("input", frames: architecture.stride, channels: MixedNetArchitecture.featureChannels)
        graph.input = x
        if let first = network.firstConvolution {
            let kept = architecture.firstConvBuffer
            let joined = graph.stream(x, keeping: kept, name: "first_conv")
            let frames = (graph.values[joined].frames - first.kernelSize) / first.stride + 1
            x = graph.addValue("first_conv/relu", frames: frames, channels: first.outputChannels)
            graph.operations.append(.convolution(first, relu: true, input: joined, output: x))
        }
        var blockInput = x
        for (index, layer) in network.repeats.enumerated() {
            if layer.startsBlock { blockInput = x }
            let name = "block\(index)"
            let frames = graph.values[x].frames
            let joined = graph.stream(x, keeping: layer.depthwise.kernelSize - 1, name: name)
            let depthwise = graph.addValue("\(name)/depthwise", frames: frames, channels: layer.depthwise.channels)
            graph.operations.append(.depthwise(layer.depthwise, input: joined, output: depthwise))
            if let residual = layer.residual {
                let main = graph.addValue("\(name)/pointwise", frames: frames, channels: layer.pointwise.outputChannels)
                graph.operations.append(.convolution(layer.pointwise, relu: false, input: depthwise, output: main))
                let shortcut = graph.addValue("\(name)/residual", frames: frames, channels: residual.outputChannels)
                graph.operations.append(.convolution(residual, relu: false, input: blockInput, output: shortcut))
                x = graph.addValue("\(name)/add_relu", frames: frames, channels: residual.outputChannels)
                graph.operations.append(.addReLU(main, shortcut, output: x))
            } else {
                x = graph.addValue("\(name)/relu", frames: frames, channels: layer.pointwise.outputChannels)
                graph.operations.append(.convolution(layer.pointwise, relu: true, input: depthwise, output: x))
            }
        }
        let head = network.head
        var joined = graph.stream(x, keeping: head.frames - 1, name: "head")
        if graph.values[joined].frames > head.frames {
            let newest = graph.addValue("head/newest", frames: head.frames, channels: head.channels)
            graph.operations.append(.keepNewest(input: joined, output: newest))
            joined = newest
        }
        if head.pooled {
            let pooled = graph.addValue("head/average", frames: 1, channels: head.channels)
            graph.operations.append(.averagePool(input: joined, output: pooled))
            joined = pooled
        }
        let flat = graph.addValue("head/flatten", frames: 1, channels: graph.values[joined].count, flat: true)
        graph.operations.append(.flatten(input: joined, output: flat))
        graph.logit = graph.addValue("head/logit", frames: 1, channels: 1, flat: true)
        graph.operations.append(.dense(weights: head.weights, bias: head.bias, input: flat, output: graph.logit))
        graph.probability = graph.addValue("probability", frames: 1, channels: 1, flat: true)
        graph.operations.append(.logistic(input: graph.logit, output: graph.probability))
        self = graph
    }

    private mutating func addValue(_ name: String, frames: Int, channels: Int, flat: Bool = false) -> Int {
        values.append(Value(name: name, frames: frames, channels: channels, isFlat: flat))
        return values.count - 1
    }

    /// Streams `value` through a state of `kept` positions; returns the joined value (or `value` itself
    /// when nothing is kept).
    private mutating func stream(_ value: Int, keeping kept: Int, name: String) -> Int {
        guard kept > 0 else { return value }
        let channels = values[value].channels
        states.append(State(name: "stream_\(states.count)/states", frames: kept, channels: channels))
        let joined = addValue("\(name)/stream", frames: kept + values[value].frames, channels: channels)
        operations.append(.stream(state: states.count - 1, input: value, output: joined))
        return joined
    }
}
