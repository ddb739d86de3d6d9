import Support
import Training

/// A trained MixedNet as the streaming model computes it: batch normalisation folded into the pointwise
/// convolutions (`y = (x·W)·scale + offset` becomes `x·(W·scale) + offset`), each MixConv layer merged into
/// one depthwise convolution whose smaller kernels are padded with zero taps on their old side (a group
/// with kernel k of K sees the newest k frames, as in training), and the head's kernel flattened time-major.
///
/// Layouts (row-major) are TFLite's: convolution kernels `[out][tap][in]` (`[O, kh, 1, I]`), depthwise
/// kernels `[tap][channel]` (`[1, kh, 1, C]`), the head `[frames · channels]` matching a `[1, T, 1, C]`
/// tensor flattened.
public struct FoldedMixedNet: Sendable {
    /// A temporal convolution with `kernelSize` taps (1 for pointwise), no padding.
    public struct Convolution: Sendable {
        public var kernel: [Float]
        public var bias: [Float]
        public var kernelSize: Int
        public var stride: Int
        public var inputChannels: Int
        public var outputChannels: Int
    }

    /// A depthwise temporal convolution (multiplier 1) with bias.
    public struct Depthwise: Sendable {
        public var kernel: [Float]
        public var bias: [Float]
        public var kernelSize: Int
        public var channels: Int
    }

    /// One block repeat: MixConv → pointwise (+ batch norm) → (+ residual branch) → ReLU.
    public struct Repeat: Sendable {
        public var depthwise: Depthwise
        public var pointwise: Convolution
        /// The residual branch's pointwise convolution with its batch norm folded in (a block's last repeat).
        public var residual: Convolution?
        /// Whether this repeat starts a block (its input is what the block's residual branch adds back).
        public var startsBlock: Bool
    }

    /// The head: the last `frames` positions (their mean when `pooled`) → one logit.
    public struct Head: Sendable {
        public var weights: [Float]
        public var bias: Float
        public var frames: Int
        public var channels: Int
        public var pooled: Bool
    }

    public var architecture: MixedNetArchitecture
    /// The strided first convolution (ReLU, no bias in training: a zero bias here).
    public var firstConvolution: Convolution?
    public var repeats: [Repeat]
    public var head: Head

    /// Folds the variables of a weights file (Keras names and shapes, `MixedNetWeightsFile`).
    public init(_ contents: MixedNetWeightsFile.Contents, source: String = "the weights") throws(Failure) {
        try self.init(architecture: contents.architecture, variables: contents.variables, shapes: contents.shapes,
                      source: source)
    }

    /// Folds variables given by Keras name (values row-major in their shapes).
    public init(architecture: MixedNetArchitecture, variables values: [String: [Float]], shapes: [String: [Int]],
                source: String) throws(Failure)
    {
        try architecture.validate()
        let variables = VariableTable(values: values, shapes: shapes, source: source)
        self.architecture = architecture
        var channels = MixedNetArchitecture.featureChannels
        if architecture.firstConvFilters > 0 {
            let k = architecture.firstConvKernelSize, filters = architecture.firstConvFilters
            let kernel = try variables.values("first_conv/kernel", shape: [k, channels, filters])
            var reordered = [Float](repeating: 0, count: kernel.count)
            for tap in 0 ..< k {
                for input in 0 ..< channels {
                    for output in 0 ..< filters {
                        reordered[(output * k + tap) * channels + input] = kernel[(tap * channels + input) * filters + output]
                    }
                }
            }
            firstConvolution = Convolution(kernel: reordered, bias: [Float](repeating: 0, count: filters), kernelSize: k,
                                           stride: architecture.stride, inputChannels: channels, outputChannels: filters)
            channels = filters
        } else {
            firstConvolution = nil
        }
        var repeats: [Repeat] = []
        for block in architecture.blocks {
            let blockInputChannels = channels
            for index in 0 ..< block.repeats {
                let prefix = "block\(repeats.count)"
                let depthwise = try Self.mergedDepthwise(variables, prefix: prefix, kernelSizes: block.kernelSizes,
                                                         channels: channels)
                let pointwise = try Self.foldedPointwise(variables, layer: "\(prefix)_pointwise", norm: "\(prefix)_bn",
                                                         inputChannels: channels, filters: block.filters)
                var residual: Convolution?
                if block.residual, index == block.repeats - 1 {
                    residual = try Self.foldedPointwise(variables, layer: "\(prefix)_residual_pointwise",
                                                        norm: "\(prefix)_residual_bn", inputChannels: blockInputChannels,
                                                        filters: block.filters)
                }
                repeats.append(Repeat(depthwise: depthwise, pointwise: pointwise, residual: residual, startsBlock: index == 0))
                channels = block.filters
            }
        }
        self.repeats = repeats
        let frames = architecture.pooled ? 1 : architecture.headFrames
        let shape = architecture.pooled ? [channels, 1] : [frames, channels, 1]
        head = Head(weights: try variables.values("head/kernel", shape: shape),
                    bias: try variables.values("head/bias", shape: [1])[0],
                    frames: architecture.headFrames, channels: channels, pooled: architecture.pooled)
    }

    /// Folds the variables of a model in memory.
    public init(_ model: MixedNet) throws(Failure) {
        var values: [String: [Float]] = [:], shapes: [String: [Int]] = [:]
        for parameter in model.parameters {
            values[parameter.name] = parameter.value.array
            shapes[parameter.name] = parameter.shape
        }
        try self.init(architecture: model.architecture, variables: values, shapes: shapes, source: "the model")
    }

    /// The MixConv groups of one repeat as one depthwise kernel of the largest size.
    static func mergedDepthwise(_ variables: VariableTable, prefix: String, kernelSizes: [Int],
                                channels: Int) throws(Failure) -> Depthwise
    {
        let largest = kernelSizes.max() ?? 1
        var kernel = [Float](repeating: 0, count: largest * channels)
        var bias = [Float](repeating: 0, count: channels)
        var start = 0
        for (group, (size, width)) in zip(kernelSizes, channelSplit(channels, groups: kernelSizes.count)).enumerated() {
            let values = try variables.values("\(prefix)_mixconv/kernel\(group)", shape: [size, width])
            let biases = try variables.values("\(prefix)_mixconv/bias\(group)", shape: [width])
            let skipped = largest - size  // the group sees the newest `size` frames
            for tap in 0 ..< size {
                for c in 0 ..< width {
                    kernel[(skipped + tap) * channels + start + c] = values[tap * width + c]
                }
            }
            for c in 0 ..< width { bias[start + c] = biases[c] }
            start += width
        }
        return Depthwise(kernel: kernel, bias: bias, kernelSize: largest, channels: channels)
    }

    /// A pointwise kernel `[C_in, C_out]` followed by batch norm, as one 1×1 convolution with bias.
    static func foldedPointwise(_ variables: VariableTable, layer: String, norm: String, inputChannels: Int,
                                filters: Int) throws(Failure) -> Convolution
    {
        let kernel = try variables.values("\(layer)/kernel", shape: [inputChannels, filters])
        let gamma = try variables.values("\(norm)/gamma", shape: [filters])
        let beta = try variables.values("\(norm)/beta", shape: [filters])
        let mean = try variables.values("\(norm)/moving_mean", shape: [filters])
        let variance = try variables.values("\(norm)/moving_variance", shape: [filters])
        var folded = [Float](repeating: 0, count: filters * inputChannels)
        var bias = [Float](repeating: 0, count: filters)
        for output in 0 ..< filters {
            // BatchNormalization.folded(): scale = γ/√(var + ε), offset = β − mean·scale, in Float as in training.
            let scale = gamma[output] / (variance[output] + BatchNormalization.defaultEpsilon).squareRoot()
            bias[output] = beta[output] - mean[output] * scale
            for input in 0 ..< inputChannels {
                folded[output * inputChannels + input] = kernel[input * filters + output] * scale
            }
        }
        return Convolution(kernel: folded, bias: bias, kernelSize: 1, stride: 1, inputChannels: inputChannels,
                           outputChannels: filters)
    }
}

/// Variables by name with their shapes checked, for error messages that say which one is wrong.
struct VariableTable {
    let values: [String: [Float]]
    let shapes: [String: [Int]]
    let source: String

    func values(_ name: String, shape: [Int]) throws(Failure) -> [Float] {
        guard let found = values[name] else {
            throw Failure("\(source) has no variable \(name)", hint: "export with the configuration the model was trained with")
        }
        guard shapes[name] == shape, found.count == shape.reduce(1, *) else {
            throw Failure("\(source): \(name) has shape \(shapes[name] ?? []), expected \(shape)",
                          hint: "export with the configuration the model was trained with")
        }
        return found
    }
}
