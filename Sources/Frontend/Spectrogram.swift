/// Frames of raw frontend values, row after row: frame f, channel c is `values[f · channelCount + c]`.
public struct Spectrogram: Sendable, Hashable {
    /// All values, frame after frame.
    public var values: [UInt16]
    /// Values per frame (40 for the device).
    public let channelCount: Int

    public init(values: [UInt16], channelCount: Int = FrontendParameters.device.channelCount) {
        precondition(channelCount > 0 && values.count % channelCount == 0, "a spectrogram holds whole frames")
        self.values = values
        self.channelCount = channelCount
    }

    /// Number of frames.
    public var frameCount: Int { values.count / channelCount }

    /// One frame's values.
    public subscript(frame index: Int) -> ArraySlice<UInt16> {
        values[index * channelCount ..< (index + 1) * channelCount]
    }

    /// Frames `range` as a new spectrogram.
    public func frames(_ range: Range<Int>) -> Spectrogram {
        Spectrogram(values: Array(values[range.lowerBound * channelCount ..< range.upperBound * channelCount]),
                    channelCount: channelCount)
    }

    /// Each frame as an array (JSON output, tests).
    public var rows: [[UInt16]] {
        (0 ..< frameCount).map { Array(self[frame: $0]) }
    }
}
