/// The classifier: one logit per output frame from the last `frames` frames of all channels, with a bias
/// (Keras `Conv1D(1, frames)` named "head"; with `frames` 1 and a `[channels, 1]` kernel it is the
/// `Dense(1)` after the pooled head). Output `t` is `bias + Σ_{j,c} input[t + j, c] · kernel[j, c]`.
public final class TemporalHead: Layer {
    public let name: String
    public let frames: Int
    public let channels: Int
    public let kernel: Parameter
    public let bias: Parameter

    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private let partials = ChunkPartials()
    private let totals = Tensor(count: 0)
    private var input: Activations?

    /// - Parameter denseShape: true for the pooled head's `Dense(1)` kernel shape `[channels, 1]`.
    public init(name: String, frames: Int, channels: Int, denseShape: Bool = false) {
        precondition(!denseShape || frames == 1)
        self.name = name
        self.frames = frames
        self.channels = channels
        kernel = Parameter(name: "\(name)/kernel", shape: denseShape ? [channels, 1] : [frames, channels, 1])
        bias = Parameter(name: "\(name)/bias", shape: [1])
    }

    public var parameters: [Parameter] { [kernel, bias] }

    public func outputShape(for input: FrameShape) -> FrameShape {
        FrameShape(frames: max(input.frames - frames + 1, 0), channels: 1)
    }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.channels == channels, "\(name): \(input.channels) input channels, expected \(channels)")
        let outFrames = outputShape(for: FrameShape(frames: input.frames, channels: channels)).frames
        let out = Activations(resizing: output, batch: input.batch, frames: outFrames, channels: 1)
        let window = frames * channels, weights = kernel.value.pointer, bias = bias.value[0]
        ChunkPlan(batch: input.batch).forEach { _, examples in
            for b in examples {
                for t in 0 ..< outFrames {
                    out.row(b, t)[0] = bias + Self.dot(input.row(b, t), weights, count: window)
                }
            }
        }
        self.input = input
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard let input else { preconditionFailure("\(name): backward before forward") }
        let plan = ChunkPlan(batch: input.batch)
        let window = frames * channels, weights = kernel.value.pointer
        partials.prepare(chunks: plan.count, size: window + 1)
        let inGradient = Activations(resizing: inputGradient, batch: input.batch, frames: input.frames,
                                     channels: channels)
        plan.forEach { chunk, examples in
            let partial = partials.partial(chunk)
            partial.update(repeating: 0, count: window + 1)
            for b in examples {
                if needsInputGradient { inGradient.example(b).update(repeating: 0, count: inGradient.exampleSize) }
                for t in 0 ..< outputGradient.frames {
                    let g = outputGradient.row(b, t)[0]
                    partial[window] += g
                    Self.addScaled(input.row(b, t), g, into: partial, count: window)
                    if needsInputGradient { Self.addScaled(weights, g, into: inGradient.row(b, t), count: window) }
                }
            }
        }
        totals.resize(window + 1)
        partials.sum(into: totals.pointer)
        kernel.gradient.pointer.update(from: totals.pointer, count: window)
        bias.gradient[0] = totals[window]
        return needsInputGradient ? inGradient : nil
    }

    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var sum = Float8(repeating: 0)
        var i = 0
        while i + 8 <= count {
            sum += a.load8(i) * b.load8(i)
            i += 8
        }
        var total = sum.sum()
        while i < count {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }

    @inline(__always)
    static func addScaled(_ source: UnsafePointer<Float>, _ factor: Float, into target: UnsafeMutablePointer<Float>,
                          count: Int)
    {
        let f = Float8(repeating: factor)
        var i = 0
        while i + 8 <= count {
            target.store8(target.load8(i) + source.load8(i) * f, i)
            i += 8
        }
        while i < count {
            target[i] += source[i] * factor
            i += 1
        }
    }
}
