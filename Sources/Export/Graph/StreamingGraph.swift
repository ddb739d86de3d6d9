/// The streaming model as a graph of float operations, one per TFLite operator (or operator group) the
/// exporter writes: what `FloatStreamingRunner` executes for calibration and checks, and what
/// `TFLiteLowering` turns into an int8 model.
///
/// Every value is a `[1, frames, 1, channels]` activation (time as height, as in the official models), or
/// a flat `[1, channels]` vector after `flatten`. Each step consumes `stride` new feature frames; the
/// streams keep the history between steps (zeros at start, like the device after CALL_ONCE).
public struct StreamingGraph: Sendable {
    /// One activation tensor.
    public struct Value: Sendable, Hashable {
        public var name: String
        public var frames: Int
        public var channels: Int
        /// `[1, channels]` instead of `[1, frames, 1, channels]` (frames is 1).
        public var isFlat: Bool = false

        public var count: Int { frames * channels }
    }

    /// A ring buffer of the last `frames` positions of a value (one resource variable).
    public struct State: Sendable, Hashable {
        /// The variable's shared name (`stream_0/states`).
        public var name: String
        public var frames: Int
        public var channels: Int
    }

    public enum Operation: Sendable {
        /// `output = concat(state, input)` along time; the state becomes the newest `state.frames` rows of
        /// the output (VAR_HANDLE → READ_VARIABLE → CONCATENATION → STRIDED_SLICE → ASSIGN_VARIABLE).
        case stream(state: Int, input: Int, output: Int)
        /// CONV_2D, VALID padding, optional ReLU.
        case convolution(FoldedMixedNet.Convolution, relu: Bool, input: Int, output: Int)
        /// DEPTHWISE_CONV_2D, VALID padding, multiplier 1, no activation.
        case depthwise(FoldedMixedNet.Depthwise, input: Int, output: Int)
        /// ADD with ReLU.
        case addReLU(Int, Int, output: Int)
        /// STRIDED_SLICE keeping the newest `output.frames` positions.
        case keepNewest(input: Int, output: Int)
        /// AVERAGE_POOL_2D over all `input.frames` positions.
        case averagePool(input: Int, output: Int)
        /// RESHAPE `[1, T, 1, C]` → `[1, T·C]`.
        case flatten(input: Int, output: Int)
        /// FULLY_CONNECTED to one logit.
        case dense(weights: [Float], bias: Float, input: Int, output: Int)
        /// LOGISTIC.
        case logistic(input: Int, output: Int)

        /// The values the operation reads.
        public var inputs: [Int] {
            switch self {
            case let .stream(_, input, _), let .convolution(_, _, input, _), let .depthwise(_, input, _),
                 let .keepNewest(input, _), let .averagePool(input, _), let .flatten(input, _), let .dense(_, _, input, _),
                 let .logistic(input, _):
                [input]
            case let .addReLU(a, b, _):
                [a, b]
            }
        }

        /// The value the operation writes.
        public var output: Int {
            switch self {
            case let .stream(_, _, output), let .convolution(_, _, _, output), let .depthwise(_, _, output),
                 let .addReLU(_, _, output), let .keepNewest(_, output), let .averagePool(_, output),
                 let .flatten(_, output), let .dense(_, _, _, output), let .logistic(_, output):
                output
            }
        }
    }

    /// Feature frames per step.
    public var stride: Int
    public var values: [Value]
    public var states: [State]
    public var operations: [Operation]
    /// The step's input, `[1, stride, 1, 40]` (the model's `[1, stride, 40]` input reshaped).
    public var input: Int
    /// The logit before the sigmoid.
    public var logit: Int
    /// The probability.
    public var probability: Int

    /// The operation that writes each value (nil for the input).
    public var producers: [Int?] {
        var result = [Int?](repeating: nil, count: values.count)
        for (index, operation) in operations.enumerated() { result[operation.output] = index }
        return result
    }
}
