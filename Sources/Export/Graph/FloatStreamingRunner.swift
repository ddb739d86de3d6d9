import Foundation

/// Runs a `StreamingGraph` in float, one step of `stride` frames at a time, with the streams' state kept
/// between steps: the float reference of the exported model (calibration observes every value through it).
///
/// A `final class` because it owns the value and state buffers and mutates them on every step.
public final class FloatStreamingRunner {
    public let graph: StreamingGraph
    private var buffers: [[Float]]
    private var states: [[Float]]

    public init(_ graph: StreamingGraph) {
        self.graph = graph
        buffers = graph.values.map { [Float](repeating: 0, count: $0.count) }
        states = graph.states.map { [Float](repeating: 0, count: $0.frames * $0.channels) }
    }

    /// Zeroes every stream (the state of a freshly loaded model).
    public func reset() {
        for index in states.indices { states[index] = [Float](repeating: 0, count: states[index].count) }
    }

    /// The current content of value `index` (after the last step).
    public func value(_ index: Int) -> [Float] { buffers[index] }

    /// One step on `stride × 40` float features (frame after frame); returns the probability. `observe`
    /// sees every value the step computes, input included.
    @discardableResult
    public func step(_ features: ArraySlice<Float>, observe: ((Int, [Float]) -> Void)? = nil) -> Float {
        precondition(features.count == buffers[graph.input].count, "a step takes stride × 40 features")
        buffers[graph.input] = Array(features)
        observe?(graph.input, buffers[graph.input])
        for operation in graph.operations {
            run(operation)
            observe?(operation.output, buffers[operation.output])
        }
        return buffers[graph.probability][0]
    }

    /// Probabilities of a whole clip (`frames × 40` features), from fresh state, one per complete stride.
    public func probabilities(clip features: [Float]) -> [Float] {
        reset()
        let size = graph.stride * graph.values[graph.input].channels
        return (0 ..< features.count / size).map { step(features[$0 * size ..< ($0 + 1) * size]) }
    }

    private func run(_ operation: StreamingGraph.Operation) {
        switch operation {
        case let .stream(state, input, output):
            let joined = states[state] + buffers[input]
            states[state] = Array(joined.suffix(states[state].count))
            buffers[output] = joined
        case let .convolution(conv, relu, input, output):
            buffers[output] = Self.convolution(conv, relu: relu, input: buffers[input], frames: graph.values[output].frames)
        case let .depthwise(layer, input, output):
            buffers[output] = Self.depthwise(layer, input: buffers[input], frames: graph.values[output].frames)
        case let .addReLU(a, b, output):
            buffers[output] = zip(buffers[a], buffers[b]).map { max($0 + $1, 0) }
        case let .keepNewest(input, output):
            buffers[output] = Array(buffers[input].suffix(graph.values[output].count))
        case let .averagePool(input, output):
            let value = graph.values[input]
            var sums = [Float](repeating: 0, count: value.channels)
            for t in 0 ..< value.frames {
                for c in 0 ..< value.channels { sums[c] += buffers[input][t * value.channels + c] }
            }
            buffers[output] = sums.map { $0 / Float(value.frames) }
        case let .flatten(input, output):
            buffers[output] = buffers[input]
        case let .dense(weights, bias, input, output):
            var sum = bias
            for (w, x) in zip(weights, buffers[input]) { sum += w * x }
            buffers[output] = [sum]
        case let .logistic(input, output):
            buffers[output] = buffers[input].map { 1 / (1 + Foundation.exp(-$0)) }
        }
    }

    static func convolution(_ conv: FoldedMixedNet.Convolution, relu: Bool, input: [Float], frames: Int) -> [Float] {
        let inC = conv.inputChannels, outC = conv.outputChannels, k = conv.kernelSize
        var output = [Float](repeating: 0, count: frames * outC)
        for t in 0 ..< frames {
            for o in 0 ..< outC {
                var sum = conv.bias[o]
                for tap in 0 ..< k {
                    let row = (t * conv.stride + tap) * inC
                    let weights = (o * k + tap) * inC
                    for i in 0 ..< inC { sum += conv.kernel[weights + i] * input[row + i] }
                }
                output[t * outC + o] = relu ? max(sum, 0) : sum
            }
        }
        return output
    }

    static func depthwise(_ layer: FoldedMixedNet.Depthwise, input: [Float], frames: Int) -> [Float] {
        let channels = layer.channels
        var output = [Float](repeating: 0, count: frames * channels)
        for t in 0 ..< frames {
            for c in 0 ..< channels {
                var sum = layer.bias[c]
                for tap in 0 ..< layer.kernelSize { sum += layer.kernel[tap * channels + c] * input[(t + tap) * channels + c] }
                output[t * channels + c] = sum
            }
        }
        return output
    }
}
