/// What the report shows about the model file itself: its size, the arena it needs, the ops it uses. Filled by
/// whoever knows (the emulator's arena planner, the verifier's op check); evaluation only presents it.
public struct ModelFacts: Sendable {
    /// One arena figure: what it is and how many bytes.
    public struct ArenaFigure: Sendable {
        public var label: String
        public var bytes: Int
        public init(label: String, bytes: Int) {
            self.label = label
            self.bytes = bytes
        }
    }

    /// One operator the model uses.
    public struct Operator: Sendable {
        public var name: String
        /// How many times the graph uses it.
        public var count: Int
        /// Whether ESPHome's micro_wake_word registers it.
        public var supported: Bool
        public init(name: String, count: Int, supported: Bool) {
            self.name = name
            self.count = count
            self.supported = supported
        }
    }

    public var file: String
    public var bytes: Int
    public var arena: [ArenaFigure]
    public var operators: [Operator]
    /// Anything else worth a line (the minimum ESPHome release, engine agreement…).
    public var notes: [String]

    public init(file: String, bytes: Int, arena: [ArenaFigure], operators: [Operator], notes: [String] = []) {
        self.file = file
        self.bytes = bytes
        self.arena = arena
        self.operators = operators
        self.notes = notes
    }
}
