/// The mean of every `size` consecutive frames, stride 1 (Keras `AveragePooling1D(size, strides=1)`): the
/// reference's `pooled` head.
public final class AveragePooling: Layer {
    public let name: String
    public let size: Int
    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private var inputShape = FrameShape(frames: 0, channels: 0)

    public init(name: String, size: Int) {
        self.name = name
        self.size = size
    }

    public func outputShape(for input: FrameShape) -> FrameShape {
        FrameShape(frames: max(input.frames - size + 1, 0), channels: input.channels)
    }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        let frames = outputShape(for: FrameShape(frames: input.frames, channels: input.channels)).frames
        let out = Activations(resizing: output, batch: input.batch, frames: frames, channels: input.channels)
        let inverse = 1 / Float(size), channels = input.channels
        for b in 0 ..< input.batch {
            for t in 0 ..< frames {
                let target = out.row(b, t)
                target.update(from: input.row(b, t), count: channels)
                for j in 1 ..< max(size, 1) { VectorKernels.add(input.row(b, t + j), into: target, count: channels) }
                for c in 0 ..< channels { target[c] *= inverse }
            }
        }
        inputShape = FrameShape(frames: input.frames, channels: input.channels)
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard needsInputGradient else { return nil }
        let inGradient = Activations(resizing: inputGradient, batch: outputGradient.batch, frames: inputShape.frames,
                                     channels: inputShape.channels)
        let inverse = 1 / Float(size), channels = inputShape.channels
        for b in 0 ..< outputGradient.batch {
            inGradient.example(b).update(repeating: 0, count: inGradient.exampleSize)
            for t in 0 ..< outputGradient.frames {
                let source = outputGradient.row(b, t)
                for j in 0 ..< size {
                    let target = inGradient.row(b, t + j)
                    for c in 0 ..< channels { target[c] += source[c] * inverse }
                }
            }
        }
        return inGradient
    }
}
