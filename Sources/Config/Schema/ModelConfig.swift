/// The `model:` section of the configuration file, described by `summary` and `fields`.
public struct ModelConfig: ConfigSection, Equatable {
    /// How depthwise temporal convolutions are computed in the Python reference (same weights either way).
    public enum DepthwiseFormulation: String, ConfigChoice {
        case auto, depthwise, shifted
    }

    public var stride = 3
    public var firstConvFilters = 32
    public var firstConvKernelSize = 5
    public var pointwiseFilters = [64, 64, 64, 64]
    public var repeatInBlock = [1, 1, 1, 1]
    public var mixconvKernelSizes = [[5], [7, 11], [9, 15], [23]]
    public var residualConnection = [false, false, false, false]
    public var headFrames = 6
    public var spatialAttention = false
    public var pooled = false
    public var batchNormMomentum = 0.997
    public var depthwiseFormulation = DepthwiseFormulation.auto

    public init() {}

    public static let summary = "The MixedNet's shape; the defaults give the okay_nabu model."

    /// Blocks in the network (entries of `pointwise_filters`).
    public var blockCount: Int { pointwiseFilters.count }

    public static var fields: [ConfigField<Self>] {
        [
            ConfigField("stride", \.stride, .within(1 ... 255),
                        doc: "Feature frames per streaming inference (the model's input is `[1, stride, 40]`)."),
            ConfigField("first_conv_filters", \.firstConvFilters, .atLeast(0),
                        doc: "Filters of the first, strided convolution; 0 leaves it out."),
            ConfigField("first_conv_kernel_size", \.firstConvKernelSize, .atLeast(1),
                        doc: "Time kernel of the first convolution."),
            ConfigField("pointwise_filters", \.pointwiseFilters,
                        doc: "Output channels of each block."),
            ConfigField("repeat_in_block", \.repeatInBlock,
                        doc: "Repeats of each block."),
            ConfigField("mixconv_kernel_sizes", \.mixconvKernelSizes,
                        doc: "Depthwise time kernels of each block (several kernels split the channels into "
                             + "mixconv groups)."),
            ConfigField("residual_connection", \.residualConnection,
                        doc: "Whether each block has a residual connection."),
            ConfigField("head_frames", \.headFrames, .atLeast(1),
                        doc: "Time steps of the last block that the final dense layer sees."),
            ConfigField("spatial_attention", \.spatialAttention,
                        doc: "Reference option; cannot be exported as a streaming model."),
            ConfigField("pooled", \.pooled,
                        doc: "Reference option (average-pooling head); cannot be exported as a streaming model."),
            ConfigField("bn_momentum", \.batchNormMomentum,
                        doc: "Momentum of batch normalisation's moving averages."),
            ConfigField("depthwise_formulation", \.depthwiseFormulation,
                        doc: "The Python reference's choice of depthwise computation (`auto`, `depthwise`, "
                             + "`shifted`)."),
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
