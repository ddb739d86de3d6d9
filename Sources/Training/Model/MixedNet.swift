import Support

/// A MixedNet as trainable layers: forward in training or inference mode, valid or causal padding, and a
/// backward pass for valid-padded training batches. The structure mirrors the reference's Keras model
/// (`wakesmith/model/mixednet.py`) layer for layer, with the same layer and variable names, so weights
/// move between the two unchanged (`MixedNetWeightsFile`).
///
/// Input: raw-scaled float features `[batch, frames, 40]`. Output of `forward`: logits
/// `[batch, outputLength, 1]`; `probabilities` applies the sigmoid.
public final class MixedNet: @unchecked Sendable {
    public let architecture: MixedNetArchitecture
    let firstConvolution: StridedConvolution?
    let repeats: [BlockRepeat]
    let pooling: AveragePooling?
    let head: TemporalHead

    private let firstPad = Tensor(count: 0)
    private let headPad = Tensor(count: 0)
    private var lastPadding = Padding.valid

    /// Builds the layers (weights zero until `initialize` or loading). Throws when `validate` does.
    public init(_ architecture: MixedNetArchitecture) throws(Failure) {
        try architecture.validate()
        self.architecture = architecture
        var channels = MixedNetArchitecture.featureChannels
        if architecture.firstConvFilters > 0 {
            firstConvolution = StridedConvolution(name: "first_conv", kernelSize: architecture.firstConvKernelSize,
                                                  stride: architecture.stride, inputChannels: channels,
                                                  filters: architecture.firstConvFilters, appliesReLU: true)
            channels = architecture.firstConvFilters
        } else {
            firstConvolution = nil
        }
        var repeats: [BlockRepeat] = []
        for block in architecture.blocks {
            let blockInputChannels = channels
            for index in 0 ..< block.repeats {
                let prefix = "block\(repeats.count)"
                let residual = block.residual && index == block.repeats - 1
                repeats.append(BlockRepeat(prefix: prefix, kernelSizes: block.kernelSizes, inputChannels: channels,
                                           filters: block.filters, momentum: architecture.batchNormMomentum,
                                           residualInputChannels: residual ? blockInputChannels : nil,
                                           startsBlock: index == 0))
                channels = block.filters
            }
        }
        self.repeats = repeats
        if architecture.pooled {
            pooling = AveragePooling(name: "head_pool", size: architecture.headFrames)
            head = TemporalHead(name: "head", frames: 1, channels: channels, denseShape: true)
        } else {
            pooling = nil
            head = TemporalHead(name: "head", frames: architecture.headFrames, channels: channels)
        }
    }

    /// Every variable in a fixed order: trainable weights and batch-norm moving statistics.
    public var parameters: [Parameter] {
        (firstConvolution?.parameters ?? []) + repeats.flatMap(\.parameters) + head.parameters
    }

    /// The variables the optimizer updates.
    public var trainableParameters: [Parameter] { parameters.filter(\.trainable) }

    /// Number of values in every variable (Keras' `count_params`, which includes moving statistics).
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Input frames per training example.
    public var window: Int { architecture.receptiveField }

    // MARK: forward and backward

    /// Logits `[batch, outputLength, 1]` for features `[batch, frames, 40]`.
    public func forward(_ input: Activations, mode: ForwardMode, padding: Padding = .valid) -> Activations {
        precondition(input.channels == MixedNetArchitecture.featureChannels, "MixedNet reads 40-channel features")
        lastPadding = padding
        var x = input
        if let firstConvolution {
            if padding == .causal { x = Self.padFront(x, frames: architecture.firstConvBuffer, into: firstPad) }
            x = firstConvolution.forward(x, mode: mode)
        }
        var blockInput = x
        for layer in repeats {
            if layer.startsBlock { blockInput = x }
            x = layer.forward(x, blockInput: blockInput, mode: mode, padding: padding)
        }
        if let pooling {
            if padding == .causal { x = Self.padFront(x, frames: architecture.headFrames - 1, into: headPad) }
            x = pooling.forward(x, mode: mode)
        } else if padding == .causal {
            x = Self.padFront(x, frames: architecture.headFrames - 1, into: headPad)
        }
        return head.forward(x, mode: mode)
    }

    /// Backpropagates dLoss/dLogits of the last (valid-padded) forward into every trainable gradient.
    public func backward(_ logitGradient: Activations) {
        precondition(lastPadding == .valid, "MixedNet trains on valid-padded windows only")
        var gradient = head.backward(logitGradient, needsInputGradient: true)
        if let pooling, let g = gradient { gradient = pooling.backward(g, needsInputGradient: true) }
        var pendingResidual: Activations?
        for (index, layer) in repeats.enumerated().reversed() {
            guard let g = gradient else { break }
            let needsInput = index > 0 || firstConvolution != nil
            let result = layer.backward(g, needsInputGradient: needsInput)
            gradient = result.input
            if let residual = result.residualInput { pendingResidual = residual }
            if layer.startsBlock, let residual = pendingResidual, let g = gradient {
                VectorKernels.add(residual.pointer, into: g.pointer, count: g.count)
                pendingResidual = nil
            }
        }
        if let firstConvolution, let g = gradient { _ = firstConvolution.backward(g, needsInputGradient: false) }
    }

    /// Probabilities `[batch · outputLength]` (example-major) in inference mode.
    public func probabilities(_ input: Activations, padding: Padding) -> [Float] {
        let logits = forward(input, mode: .inference, padding: padding)
        return (0 ..< logits.count).map { WeightedBinaryCrossEntropy.sigmoid(logits.pointer[$0]) }
    }

    /// A copy of `x` with `frames` zero frames before each example.
    static func padFront(_ x: Activations, frames: Int, into buffer: Tensor) -> Activations {
        guard frames > 0 else { return x }
        let out = Activations(resizing: buffer, batch: x.batch, frames: x.frames + frames, channels: x.channels)
        for b in 0 ..< x.batch {
            out.example(b).update(repeating: 0, count: frames * x.channels)
            out.row(b, frames).update(from: x.example(b), count: x.exampleSize)
        }
        return out
    }
}
