/// One stretch of negative audio that made the exported model fire: the model's window of feature frames
/// ending with the last frame of the inference that fired (zero-padded at the start when the clip is
/// shorter), the raw uint8 output, and where it came from.
public struct HardNegative: Sendable, Equatable {
    /// Raw frontend values, 40 per frame, `windowFrames` frames.
    public var frames: [UInt16]
    /// The uint8 output that fired.
    public var score: UInt8
    /// `<set> #<clip>@<inference>`.
    public var source: String

    public init(frames: [UInt16], score: UInt8, source: String) {
        self.frames = frames
        self.score = score
        self.source = source
    }
}
