/// What a device says about itself in `HELLO` and `MODEL` (docs/device-protocol.md §3).
public struct DeviceIdentity: Equatable, Sendable {
    /// One model the device runs, in micro_wake_word's order.
    public struct Model: Equatable, Sendable {
        public var id: String
        public var wakeWord: String
        /// The first 16 hex digits of the BLAKE2b-512 digest of the `.tflite` bytes.
        public var hash: String
        /// `int(probability_cutoff × 255)`.
        public var cutoff: Int
        public var slidingWindow: Int
        /// The manifest's `tensor_arena_size`.
        public var arena: Int

        public init(id: String, wakeWord: String, hash: String, cutoff: Int, slidingWindow: Int, arena: Int) {
            self.id = id
            self.wakeWord = wakeWord
            self.hash = hash
            self.cutoff = cutoff
            self.slidingWindow = slidingWindow
            self.arena = arena
        }
    }

    public var protocolVersion = Int(DeviceProtocol.version)
    public var harnessVersion: Int
    /// The ESPHome release the firmware was built with (for the virtual device: the release it emulates).
    public var esphome: String
    /// `esp32s3`, `esp32` or `virtual`.
    public var board: String
    /// 8 hex digits, new at every boot.
    public var boot: String
    /// Samples per feature step.
    public var step: Int
    /// Sequenced frames the host may have outstanding.
    public var window: Int
    /// Reports kept for `RESEND`.
    public var history: Int
    /// Whether a microphone is configured (acoustic mode).
    public var acoustic: Bool
    public var models: [Model]

    public init(harnessVersion: Int, esphome: String, board: String, boot: String, step: Int, window: Int,
                history: Int, acoustic: Bool, models: [Model])
    {
        self.harnessVersion = harnessVersion
        self.esphome = esphome
        self.board = board
        self.boot = boot
        self.step = step
        self.window = window
        self.history = history
        self.acoustic = acoustic
        self.models = models
    }

    /// The `HELLO` fields, in the protocol's order.
    var helloFields: [Report.Field] {
        [.init("protocol", "\(protocolVersion)"), .init("harness", "\(harnessVersion)"), .init("esphome", esphome),
         .init("board", board), .init("boot", boot), .init("step", "\(step)"), .init("window", "\(window)"),
         .init("history", "\(history)"), .init("models", "\(models.count)"), .init("acoustic", acoustic ? "1" : "0")]
    }

    /// The `MODEL` fields of model `index`.
    func modelFields(_ index: Int) -> [Report.Field] {
        let model = models[index]
        return [.init("index", "\(index)"), .init("id", model.id), .init("wake_word", model.wakeWord),
                .init("hash", model.hash), .init("cutoff", "\(model.cutoff)"), .init("window", "\(model.slidingWindow)"),
                .init("arena", "\(model.arena)")]
    }
}
