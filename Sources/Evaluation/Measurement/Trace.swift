/// A stretch of one stream's outputs to plot: a missed wake word, or the moments around a false accept.
public struct Trace: Sendable, Equatable {
    public var title: String
    /// Raw uint8 outputs, one per inference.
    public var outputs: [UInt8]
    /// Seconds from the recording's start to the first output shown.
    public var startSeconds: Double
    /// Seconds between two outputs.
    public var inferenceSeconds: Double
    /// The device's sliding-window mean at each output, as a probability (computed over the whole recording,
    /// so a stretch cut from the middle starts with a full window).
    public var windowMeans: [Double]
    /// Indices into `outputs` where something happened (a counted false accept).
    public var marks: [Int]

    public init(title: String, outputs: [UInt8], windowMeans: [Double], startSeconds: Double, inferenceSeconds: Double,
                marks: [Int] = [])
    {
        self.title = title
        self.outputs = outputs
        self.windowMeans = windowMeans
        self.startSeconds = startSeconds
        self.inferenceSeconds = inferenceSeconds
        self.marks = marks
    }

    /// The time of each output.
    public var seconds: [Double] {
        outputs.indices.map { startSeconds + Double($0 + 1) * inferenceSeconds }
    }
}
