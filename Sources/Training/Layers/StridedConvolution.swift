/// A temporal convolution over all input channels with a stride, no bias and an optional fused ReLU:
/// MixedNet's first layer (Keras `Conv1D(filters, kernel, strides, use_bias=False, activation="relu")`).
///
/// Output frame `t` sees input frames `t·stride … t·stride + kernel − 1` ("valid" padding). Computed as one
/// matrix product per chunk of examples (im2col): with frames contiguous, the window of output frame `t` is
/// the `kernel · channels` floats starting at input frame `t·stride`, copied into row `t` of `columns`, and
/// `output = columns · W` with W the Keras kernel `[kernel, in, out]` read as a `[kernel·in, out]` matrix.
public final class StridedConvolution: Layer {
    public let name: String
    public let kernelSize: Int
    public let stride: Int
    public let inputChannels: Int
    public let filters: Int
    public let appliesReLU: Bool
    public let kernel: Parameter

    private let columns = Tensor(count: 0)
    private let output = Tensor(count: 0)
    private let maskedGradient = Tensor(count: 0)
    private let columnGradient = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private let partials = ChunkPartials()
    private let transposedKernel = Tensor(count: 0)
    private var input: Activations?
    private var outputView: Activations?

    public init(name: String, kernelSize: Int, stride: Int, inputChannels: Int, filters: Int, appliesReLU: Bool) {
        self.name = name
        self.kernelSize = kernelSize
        self.stride = stride
        self.inputChannels = inputChannels
        self.filters = filters
        self.appliesReLU = appliesReLU
        kernel = Parameter(name: "\(name)/kernel", shape: [kernelSize, inputChannels, filters])
    }

    public var parameters: [Parameter] { [kernel] }

    public func outputShape(for input: FrameShape) -> FrameShape {
        FrameShape(frames: input.frames < kernelSize ? 0 : (input.frames - kernelSize) / stride + 1, channels: filters)
    }

    private var windowSize: Int { kernelSize * inputChannels }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.channels == inputChannels, "\(name): \(input.channels) input channels, expected \(inputChannels)")
        let frames = outputShape(for: FrameShape(frames: input.frames, channels: input.channels)).frames
        let out = Activations(resizing: output, batch: input.batch, frames: frames, channels: filters)
        self.columns.resize(input.batch * frames * windowSize)
        let columns = self.columns.pointer, weights = kernel.value.pointer
        let window = windowSize, stride = stride, relu = appliesReLU
        ChunkPlan(batch: input.batch).forEach { _, examples in
            guard !examples.isEmpty, frames > 0 else { return }
            for b in examples {
                for t in 0 ..< frames {
                    (columns + (b * frames + t) * window).update(from: input.row(b, t * stride), count: window)
                }
            }
            let rows = examples.count * frames
            let first = examples.lowerBound * frames
            GEMM.multiply(columns + first * window, weights, into: out.pointer + first * out.channels,
                          m: rows, n: out.channels, k: window)
            if relu {
                let start = out.pointer + first * out.channels
                VectorKernels.relu(start, into: start, count: rows * out.channels)
            }
        }
        self.input = input
        outputView = out
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard let input, let out = outputView else { preconditionFailure("\(name): backward before forward") }
        let plan = ChunkPlan(batch: out.batch)
        let window = windowSize, frames = out.frames, channels = out.channels
        maskedGradient.resize(out.count)
        let gradient = appliesReLU ? maskedGradient.pointer : outputGradient.pointer
        partials.prepare(chunks: plan.count, size: kernel.count)
        if needsInputGradient {
            columnGradient.resize(out.rows * window)
            inputGradient.resize(input.count)
        }
        let columns = self.columns.pointer
        let relu = appliesReLU, stride = stride
        if needsInputGradient {
            transposedKernel.resize(kernel.count)
            GEMM.transpose(kernel.value.pointer, into: transposedKernel.pointer, rows: window, columns: channels)
        }
        let transposed = transposedKernel.pointer
        let inputGradientView = Activations(pointer: inputGradient.pointer, batch: input.batch,
                                            frames: input.frames, channels: input.channels)
        plan.forEach { chunk, examples in
            let first = examples.lowerBound * frames, rows = examples.count * frames
            let offset = first * channels
            if relu {
                VectorKernels.reluBackward(output: out.pointer + offset, gradient: outputGradient.pointer + offset,
                                           into: gradient + offset, count: rows * channels)
            }
            // dW (as [window, out]) = columnsᵀ · dOut over this chunk's rows.
            GEMM.multiply(columns + first * window, gradient + offset, into: partials.partial(chunk),
                          m: window, n: channels, k: rows, transposeA: true)
            guard needsInputGradient else { return }
            // dColumns = dOut · Wᵀ, then every window's gradient is added back onto the frames it came from.
            let columnGradient = self.columnGradient.pointer + first * window
            GEMM.multiply(gradient + offset, transposed, into: columnGradient, m: rows, n: window, k: channels)
            for b in examples {
                let target = inputGradientView.example(b)
                target.update(repeating: 0, count: inputGradientView.exampleSize)
                for t in 0 ..< frames {
                    VectorKernels.add(columnGradient + ((b - examples.lowerBound) * frames + t) * window,
                                      into: target + t * stride * inputGradientView.channels, count: window)
                }
            }
        }
        partials.sum(into: kernel.gradient.pointer)
        return needsInputGradient ? inputGradientView : nil
    }
}
