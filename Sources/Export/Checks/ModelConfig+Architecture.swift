import Config
import Training

extension MixedNetArchitecture {
    /// The MixedNet a configuration's `model:` section describes (its lists already checked to have one
    /// entry per block, as `ConfigLoader` guarantees before cross-section checks run).
    public init(_ config: ModelConfig) {
        let blocks = zip(config.pointwiseFilters, zip(config.repeatInBlock, zip(config.mixconvKernelSizes, config.residualConnection)))
            .map { filters, rest in
                Block(filters: filters, repeats: rest.0, kernelSizes: rest.1.0, residual: rest.1.1)
            }
        self.init(stride: config.stride, firstConvFilters: config.firstConvFilters,
                  firstConvKernelSize: config.firstConvKernelSize, blocks: blocks, headFrames: config.headFrames,
                  pooled: config.pooled, spatialAttention: config.spatialAttention,
                  batchNormMomentum: Float(config.batchNormMomentum))
    }
}
