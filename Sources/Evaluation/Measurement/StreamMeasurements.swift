/// What running the model over the test audio produced: the raw uint8 output of every inference, per labelled
/// clip (each from a fresh model state) and per ambient recording (listened to continuously).
///
/// This is the boundary between running a model (the emulator, a device, a fake in tests) and the metrics:
/// everything evaluation reports is computed from these numbers.
public struct StreamMeasurements: Sendable {
    /// One labelled test clip's outputs.
    public struct Clip: Sendable {
        /// Where the clip came from, for traces ("positive/testing #12").
        public var name: String
        /// The feature set it belongs to ("positive", "negative", …).
        public var set: String
        /// Whether it holds the wake word.
        public var isWakeWord: Bool
        public var outputs: [UInt8]

        public init(name: String, set: String, isWakeWord: Bool, outputs: [UInt8]) {
            self.name = name
            self.set = set
            self.isWakeWord = isWakeWord
            self.outputs = outputs
        }
    }

    /// One ambient recording's outputs, one per inference.
    public struct Ambient: Sendable {
        public var name: String
        public var outputs: [UInt8]

        public init(name: String, outputs: [UInt8]) {
            self.name = name
            self.outputs = outputs
        }
    }

    public var clips: [Clip]
    public var ambient: [Ambient]
    /// Seconds of ambient audio behind `ambient` (feature frames × the frontend's step).
    public var ambientSeconds: Double
    /// Feature frames per inference.
    public var stride: Int
    /// Seconds per feature frame (the frontend's step: 0.01).
    public var frameSeconds: Double

    public init(clips: [Clip], ambient: [Ambient], ambientSeconds: Double, stride: Int, frameSeconds: Double) {
        self.clips = clips
        self.ambient = ambient
        self.ambientSeconds = ambientSeconds
        self.stride = stride
        self.frameSeconds = frameSeconds
    }

    /// Hours of ambient audio.
    public var ambientHours: Double { ambientSeconds / 3600 }

    /// Seconds between two inferences.
    public var inferenceSeconds: Double { Double(stride) * frameSeconds }
}
