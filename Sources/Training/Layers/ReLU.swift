/// `max(x, 0)` elementwise; the backward pass reads the derivative off its own output.
public final class ReLU: Layer {
    public let name: String
    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private var outputView: Activations?

    public init(name: String) { self.name = name }

    public func outputShape(for input: FrameShape) -> FrameShape { input }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        let out = Activations(resizing: output, batch: input.batch, frames: input.frames, channels: input.channels)
        ChunkPlan(batch: input.batch).forEach { _, examples in
            VectorKernels.relu(input.example(examples.lowerBound), into: out.example(examples.lowerBound),
                               count: examples.count * input.exampleSize)
        }
        outputView = out
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard needsInputGradient else { return nil }
        guard let out = outputView else { preconditionFailure("\(name): backward before forward") }
        let inGradient = Activations(resizing: inputGradient, batch: out.batch, frames: out.frames,
                                     channels: out.channels)
        ChunkPlan(batch: out.batch).forEach { _, examples in
            VectorKernels.reluBackward(output: out.example(examples.lowerBound),
                                       gradient: outputGradient.example(examples.lowerBound),
                                       into: inGradient.example(examples.lowerBound),
                                       count: examples.count * out.exampleSize)
        }
        return inGradient
    }
}
