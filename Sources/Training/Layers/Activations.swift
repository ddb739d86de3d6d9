/// A batch of sequences of feature vectors as a view into memory its producer owns: example `b`, frame `t`,
/// channel `c` is at `pointer[(b · frames + t) · channels + c]` (examples, then frames, then channels,
/// contiguous). Layers return views of their own output buffers; a view stays valid until its producer
/// runs again.
public struct Activations: @unchecked Sendable {
    public let pointer: UnsafeMutablePointer<Float>
    public let batch: Int
    public let frames: Int
    public let channels: Int

    public init(pointer: UnsafeMutablePointer<Float>, batch: Int, frames: Int, channels: Int) {
        self.pointer = pointer
        self.batch = batch
        self.frames = frames
        self.channels = channels
    }

    /// A view of the first `batch · shape` elements of `tensor` (which is resized to fit).
    init(resizing tensor: Tensor, batch: Int, frames: Int, channels: Int) {
        tensor.resize(batch * frames * channels)
        self.init(pointer: tensor.pointer, batch: batch, frames: frames, channels: channels)
    }

    /// Elements per example.
    public var exampleSize: Int { frames * channels }
    /// Elements in the batch.
    public var count: Int { batch * frames * channels }
    /// Rows (frames of all examples).
    public var rows: Int { batch * frames }

    /// The first element of example `b`.
    @inline(__always) public func example(_ b: Int) -> UnsafeMutablePointer<Float> { pointer + b * exampleSize }

    /// The first element of example `b`, frame `t`.
    @inline(__always) public func row(_ b: Int, _ t: Int) -> UnsafeMutablePointer<Float> {
        pointer + (b * frames + t) * channels
    }

    /// The values as an array (tests).
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// The shape of one example: frames × channels.
public struct FrameShape: Sendable, Equatable, CustomStringConvertible {
    public var frames: Int
    public var channels: Int

    public init(frames: Int, channels: Int) {
        self.frames = frames
        self.channels = channels
    }

    public var description: String { "\(frames)×\(channels)" }
}
