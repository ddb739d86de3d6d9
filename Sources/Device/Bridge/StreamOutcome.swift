/// What the device did with one stream of audio it took completely: every inference and detection of every
/// model, stamped with the stream samples taken when it happened (exact to the chunk), and each model's arena.
public struct StreamOutcome: Equatable, Sendable {
    public struct Inference: Equatable, Sendable {
        public var samples: Int
        public var raw: UInt8
    }

    public struct Arena: Equatable, Sendable {
        public var used: Int
        public var size: Int
    }

    /// Samples the device took (equals the samples sent).
    public var samples: Int
    /// Per model index: its inferences in order.
    public var inferences: [[Inference]]
    /// Per model index: the sample counts at which it detected.
    public var detections: [[Int]]
    /// Per model index: its arena, when it was loaded.
    public var arenas: [Arena?]
    /// How many times the stream was sent (1 when nothing made the host start it over).
    public var attempts: Int

    init(models: Int) {
        samples = 0
        inferences = Array(repeating: [], count: models)
        detections = Array(repeating: [], count: models)
        arenas = Array(repeating: nil, count: models)
        attempts = 1
    }
}
