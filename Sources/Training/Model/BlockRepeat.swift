/// One repeat of a MixedNet block: MixConv → pointwise → batch norm (→ + residual branch) → ReLU. The
/// residual branch (on a block's last repeat, when configured) crops the block's input to this repeat's
/// output length, maps it pointwise and batch-normalises it.
final class BlockRepeat {
    let mixConv: MixedDepthwiseConvolution
    let pointwise: PointwiseConvolution
    let normalization: BatchNormalization
    let residual: (crop: KeepLastFrames, pointwise: PointwiseConvolution, normalization: BatchNormalization)?
    let relu: ReLU
    /// Whether this is a block's first repeat (whose input the residual branch adds back).
    let startsBlock: Bool

    private let sum = Tensor(count: 0)
    private let pad = Tensor(count: 0)

    init(prefix: String, kernelSizes: [Int], inputChannels: Int, filters: Int, momentum: Float,
         residualInputChannels: Int?, startsBlock: Bool)
    {
        mixConv = MixedDepthwiseConvolution(name: "\(prefix)_mixconv", kernelSizes: kernelSizes, channels: inputChannels)
        pointwise = PointwiseConvolution(name: "\(prefix)_pointwise", inputChannels: inputChannels, filters: filters)
        normalization = BatchNormalization(name: "\(prefix)_bn", channels: filters, momentum: momentum)
        if let residualInputChannels {
            residual = (KeepLastFrames(name: "\(prefix)_residual_crop", frames: 0),
                        PointwiseConvolution(name: "\(prefix)_residual_pointwise", inputChannels: residualInputChannels,
                                             filters: filters),
                        BatchNormalization(name: "\(prefix)_residual_bn", channels: filters, momentum: momentum))
        } else {
            residual = nil
        }
        relu = ReLU(name: "\(prefix)_relu")
        self.startsBlock = startsBlock
    }

    var parameters: [Parameter] {
        mixConv.parameters + pointwise.parameters + normalization.parameters
            + (residual.map { $0.pointwise.parameters + $0.normalization.parameters } ?? [])
    }

    func forward(_ input: Activations, blockInput: Activations, mode: ForwardMode, padding: Padding) -> Activations {
        var x = input
        if padding == .causal { x = MixedNet.padFront(x, frames: mixConv.maximumKernel - 1, into: pad) }
        x = mixConv.forward(x, mode: mode)
        x = pointwise.forward(x, mode: mode)
        x = normalization.forward(x, mode: mode)
        if let residual {
            residual.crop.frames = x.frames
            var shortcut = residual.crop.forward(blockInput, mode: mode)
            shortcut = residual.pointwise.forward(shortcut, mode: mode)
            shortcut = residual.normalization.forward(shortcut, mode: mode)
            let total = Activations(resizing: sum, batch: x.batch, frames: x.frames, channels: x.channels)
            total.pointer.update(from: x.pointer, count: x.count)
            VectorKernels.add(shortcut.pointer, into: total.pointer, count: total.count)
            x = total
        }
        return relu.forward(x, mode: mode)
    }

    /// dLoss/dInput of this repeat (nil unless requested) and, on a repeat with a residual branch,
    /// dLoss/dBlockInput through that branch (to be added to the block's first repeat's input gradient).
    func backward(_ outputGradient: Activations, needsInputGradient: Bool)
        -> (input: Activations?, residualInput: Activations?)
    {
        guard let g = relu.backward(outputGradient, needsInputGradient: true) else { return (nil, nil) }
        var residualInput: Activations?
        if let residual {
            let shortcut = residual.normalization.backward(g, needsInputGradient: true)
            let mapped = shortcut.flatMap { residual.pointwise.backward($0, needsInputGradient: needsInputGradient) }
            residualInput = mapped.flatMap { residual.crop.backward($0, needsInputGradient: needsInputGradient) }
        }
        var x = normalization.backward(g, needsInputGradient: true)
        x = x.flatMap { pointwise.backward($0, needsInputGradient: true) }
        x = x.flatMap { mixConv.backward($0, needsInputGradient: needsInputGradient) }
        return (x, residualInput)
    }
}
