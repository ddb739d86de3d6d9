/// A per-frame linear map of the channels without bias (Keras `Dense(filters, use_bias=False)` on a
/// sequence): every frame of every example is one row of `input · W`, so a chunk of examples is one
/// matrix product. Kernel `[in, out]`.
public final class PointwiseConvolution: Layer {
    public let name: String
    public let inputChannels: Int
    public let filters: Int
    public let kernel: Parameter

    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private let partials = ChunkPartials()
    private let transposedKernel = Tensor(count: 0)
    private var input: Activations?

    public init(name: String, inputChannels: Int, filters: Int) {
        self.name = name
        self.inputChannels = inputChannels
        self.filters = filters
        kernel = Parameter(name: "\(name)/kernel", shape: [inputChannels, filters])
    }

    public var parameters: [Parameter] { [kernel] }

    public func outputShape(for input: FrameShape) -> FrameShape { FrameShape(frames: input.frames, channels: filters) }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.channels == inputChannels, "\(name): \(input.channels) input channels, expected \(inputChannels)")
        let out = Activations(resizing: output, batch: input.batch, frames: input.frames, channels: filters)
        let weights = kernel.value.pointer, inChannels = inputChannels, filters = filters
        ChunkPlan(batch: input.batch).forEach { _, examples in
            let first = examples.lowerBound * input.frames
            GEMM.multiply(input.pointer + first * inChannels, weights, into: out.pointer + first * filters,
                          m: examples.count * input.frames, n: filters, k: inChannels)
        }
        self.input = input
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard let input else { preconditionFailure("\(name): backward before forward") }
        let plan = ChunkPlan(batch: input.batch)
        partials.prepare(chunks: plan.count, size: kernel.count)
        let inGradient = Activations(resizing: inputGradient, batch: input.batch, frames: input.frames,
                                     channels: inputChannels)
        let inChannels = inputChannels, filters = filters
        transposedKernel.resize(kernel.count)
        GEMM.transpose(kernel.value.pointer, into: transposedKernel.pointer, rows: inChannels, columns: filters)
        let transposed = transposedKernel.pointer
        plan.forEach { chunk, examples in
            let first = examples.lowerBound * input.frames, rows = examples.count * input.frames
            GEMM.multiply(input.pointer + first * inChannels, outputGradient.pointer + first * filters,
                          into: partials.partial(chunk), m: inChannels, n: filters, k: rows, transposeA: true)
            if needsInputGradient {
                GEMM.multiply(outputGradient.pointer + first * filters, transposed,
                              into: inGradient.pointer + first * inChannels, m: rows, n: inChannels, k: filters)
            }
        }
        partials.sum(into: kernel.gradient.pointer)
        return needsInputGradient ? inGradient : nil
    }
}
