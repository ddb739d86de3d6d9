/// The most recent `frames` frames of every example (the residual branch's crop to the block output's
/// length; Keras `KeepLastFrames` in the reference).
public final class KeepLastFrames: Layer {
    public let name: String
    /// Frames kept (set before each forward when the input length varies).
    public var frames: Int
    private let output = Tensor(count: 0)
    private let inputGradient = Tensor(count: 0)
    private var inputShape = FrameShape(frames: 0, channels: 0)

    public init(name: String, frames: Int) {
        self.name = name
        self.frames = frames
    }

    public func outputShape(for input: FrameShape) -> FrameShape { FrameShape(frames: frames, channels: input.channels) }

    public func forward(_ input: Activations, mode: ForwardMode) -> Activations {
        precondition(input.frames >= frames, "\(name): \(input.frames) frames, cannot keep the last \(frames)")
        let out = Activations(resizing: output, batch: input.batch, frames: frames, channels: input.channels)
        let skip = input.frames - frames
        for b in 0 ..< input.batch {
            out.example(b).update(from: input.row(b, skip), count: out.exampleSize)
        }
        inputShape = FrameShape(frames: input.frames, channels: input.channels)
        return out
    }

    public func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations? {
        guard needsInputGradient else { return nil }
        let inGradient = Activations(resizing: inputGradient, batch: outputGradient.batch, frames: inputShape.frames,
                                     channels: inputShape.channels)
        let skip = inputShape.frames - frames
        for b in 0 ..< outputGradient.batch {
            inGradient.example(b).update(repeating: 0, count: skip * inputShape.channels)
            inGradient.row(b, skip).update(from: outputGradient.example(b), count: outputGradient.exampleSize)
        }
        return inGradient
    }
}
