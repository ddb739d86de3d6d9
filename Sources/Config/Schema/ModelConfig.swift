/// `model:` the MixedNet's shape; the defaults give the okay_nabu model (SPEC §4).
public struct ModelConfig: ConfigSection, Equatable {
    /// How depthwise temporal convolutions are computed in the Python reference (same weights either way).
    public enum DepthwiseFormulation: String, ConfigChoice {
        case auto, depthwise, shifted
    }

    /// Feature frames per streaming inference (the model's input is `[1, stride, 40]`).
    public var stride = 3
    /// Filters of the first, strided convolution; 0 leaves it out.
    public var firstConvFilters = 32
    /// Time kernel of the first convolution.
    public var firstConvKernelSize = 5
    /// Output channels of each block.
    public var pointwiseFilters = [64, 64, 64, 64]
    /// Repeats of each block.
    public var repeatInBlock = [1, 1, 1, 1]
    /// Depthwise time kernels of each block (several kernels split the channels into mixconv groups).
    public var mixconvKernelSizes = [[5], [7, 11], [9, 15], [23]]
    /// Whether each block has a residual connection.
    public var residualConnection = [false, false, false, false]
    /// Time steps of the last block that the final dense layer sees.
    public var headFrames = 6
    /// Reference option; cannot be exported as a streaming model.
    public var spatialAttention = false
    /// Reference option (average-pooling head); cannot be exported as a streaming model.
    public var pooled = false
    /// Momentum of batch normalisation's moving averages.
    public var batchNormMomentum = 0.997
    /// The Python reference's choice of depthwise computation (`auto`, `depthwise`, `shifted`).
    public var depthwiseFormulation = DepthwiseFormulation.auto

    public init() {}

    /// Blocks in the network (entries of `pointwise_filters`).
    public var blockCount: Int { pointwiseFilters.count }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("stride", \.stride, .within(1 ... 255)),
            ConfigField("first_conv_filters", \.firstConvFilters, .atLeast(0)),
            ConfigField("first_conv_kernel_size", \.firstConvKernelSize, .atLeast(1)),
            ConfigField("pointwise_filters", \.pointwiseFilters),
            ConfigField("repeat_in_block", \.repeatInBlock),
            ConfigField("mixconv_kernel_sizes", \.mixconvKernelSizes),
            ConfigField("residual_connection", \.residualConnection),
            ConfigField("head_frames", \.headFrames, .atLeast(1)),
            ConfigField("spatial_attention", \.spatialAttention),
            ConfigField("pooled", \.pooled),
            ConfigField("bn_momentum", \.batchNormMomentum),
            ConfigField("depthwise_formulation", \.depthwiseFormulation),
        ]
    }

    public func validate(into report: inout SectionReport) {
        let blocks = pointwiseFilters.count
        let lengths = [
            ("repeat_in_block", repeatInBlock.count),
            ("mixconv_kernel_sizes", mixconvKernelSizes.count),
            ("residual_connection", residualConnection.count),
        ]
        for (key, count) in lengths where count != blocks {
            report.problem("must have one entry per block (\(blocks)), got \(count)", key: key)
        }
    }
}
