/// The device's half of the protocol (docs/device-protocol.md): frames in, reports out, sequence numbers,
/// acknowledgements, the report history for `RESEND`. The firmware harness runs the same rules in C++
/// (`firmware-harness/components/wakesmith_harness/link_engine.cpp`); both pass the shared transcripts.
///
/// It is a polled state machine with no callbacks: `receive` consumes bytes until a frame needs the
/// application (start micro_wake_word, deliver a chunk, stop, load models) and returns that action; the
/// application does it, reports what happened (`reportProbability`, …) and calls the matching `finish…`.
/// Until then the engine is busy and consumes nothing, so unread bytes wait in the link's buffer.
public struct LinkEngine: Sendable {
    /// What the application must do now.
    public enum Action: Equatable, Sendable {
        /// Start detection with fresh features and models; then `finishStart(succeeded:)`.
        case start(stream: UInt16, mode: UInt8)
        /// Hand these samples to micro_wake_word and report what they caused; then `finishAudio()`.
        case audio([Int16])
        /// Stop detection; then `finishStop()`.
        case stop
        /// Run these manifests (virtual device); then `finishLoad(succeeded:)`.
        case load(esphome: String, manifests: [String])
    }

    private enum Busy: Equatable {
        case starting(sequence: UInt16, stream: UInt16, mode: UInt8)
        case audio(sequence: UInt16)
        case stopping(sequence: UInt16)
        case loading(sequence: UInt16)
    }

    public let identity: DeviceIdentity
    /// The device's fault counters as they are now. They outlive the engine: the application keeps them
    /// where a reset does not wipe them and hands them to the next engine.
    public private(set) var counters: DeviceCounters
    private var receiver = FrameReceiver()
    private var nextReport: UInt32 = 0
    private var history: [String]
    private var outbox: [String] = []
    private var busy: Busy?
    private var streaming = false
    private var stream: UInt16 = 0
    private var mode: UInt8 = 0
    private var expect: UInt16 = 0
    private var nakSentFor: UInt16?
    private var idleErrorSent = false
    /// Samples taken in the running (or last) stream.
    public private(set) var samples: UInt32 = 0

    public init(identity: DeviceIdentity, counters: DeviceCounters) {
        self.identity = identity
        self.counters = counters
        history = []
        history.reserveCapacity(identity.history)
    }

    /// Whether an action is waiting for its `finish…`.
    public var isBusy: Bool { busy != nil }
    /// Whether a stream runs.
    public var isStreaming: Bool { streaming }
    /// The running stream's mode (0 link, 1 acoustic).
    public var streamMode: UInt8 { mode }

    /// The report lines written since the last call (each without its newline).
    public mutating func takeOutput() -> [String] {
        defer { outbox.removeAll(keepingCapacity: true) }
        return outbox
    }

    /// The reports a device sends when it boots.
    public mutating func boot() { announce() }

    /// Consumes bytes up to the first frame that needs the application (or all of them); returns how many
    /// were consumed and the action, if any. Consumes nothing while busy.
    public mutating func receive(_ bytes: ArraySlice<UInt8>) -> (consumed: Int, action: Action?) {
        guard busy == nil else { return (0, nil) }
        var consumed = 0
        for byte in bytes {
            consumed += 1
            guard let result = receiver.receive(CollectionOfOne(byte)).first else { continue }
            switch result {
            case let .failure(reason):
                counters.bad &+= 1
                emit("BAD", [.init("reason", reason.rawValue)])
                nakSentFor = nil  // the damaged frame may have been the one resent for the last NAK
            case let .success(frame):
                if let action = process(frame) { return (consumed, action) }
            }
        }
        return (consumed, nil)
    }

    private mutating func process(_ frame: Frame) -> Action? {
        switch frame.command {
        case .query:
            announce()
            return nil
        case let .resend(from):
            resend(from: from)
            return nil
        case let .load(esphome, manifests):
            busy = .loading(sequence: frame.sequence)
            return .load(esphome: esphome, manifests: manifests)
        default:
            break
        }
        if !streaming {
            guard case .start = frame.command else {
                if !idleErrorSent {
                    emit("ERR", [.init("seq", "\(frame.sequence)"), .init("code", "idle")])
                    idleErrorSent = true
                }
                return nil
            }
        } else {
            let distance = frame.sequence &- expect
            if distance != 0 {
                if distance < 0x8000, nakSentFor != expect {
                    emit("NAK", [.init("expect", "\(expect)")])
                    nakSentFor = expect
                }
                return nil
            }
        }
        expect = frame.sequence &+ 1
        switch frame.command {
        case let .start(newStream, newMode):
            if newMode > 1 || (newMode == 1 && !identity.acoustic) {
                emit("ERR", [.init("seq", "\(frame.sequence)"), .init("code", newMode > 1 ? "mode" : "acoustic")])
                return nil
            }
            busy = .starting(sequence: frame.sequence, stream: newStream, mode: newMode)
            return .start(stream: newStream, mode: newMode)
        case let .audio(offset, chunk):
            guard offset == samples else {
                emit("ERR", [.init("seq", "\(frame.sequence)"), .init("code", "offset")])
                return nil
            }
            guard mode == 0 else {
                emit("ERR", [.init("seq", "\(frame.sequence)"), .init("code", "acoustic")])
                return nil
            }
            samples &+= UInt32(chunk.count)
            busy = .audio(sequence: frame.sequence)
            return .audio(chunk)
        case .stop:
            busy = .stopping(sequence: frame.sequence)
            return .stop
        default:
            return nil
        }
    }

    /// Ends `start`: the stream runs (or the device could not start it: `ERR code=start`).
    public mutating func finishStart(succeeded: Bool) {
        guard case let .starting(sequence, newStream, newMode) = busy else { return }
        busy = nil
        guard succeeded else {
            streaming = false
            emit("ERR", [.init("seq", "\(sequence)"), .init("code", "start")])
            return
        }
        streaming = true
        stream = newStream
        mode = newMode
        samples = 0
        nakSentFor = nil
        idleErrorSent = false
        emit("STARTED", [.init("seq", "\(sequence)"), .init("stream", "\(newStream)"), .init("mode", "\(newMode)")])
    }

    /// Ends `audio`: acknowledges the chunk after the reports it caused.
    public mutating func finishAudio() {
        guard case let .audio(sequence) = busy else { return }
        busy = nil
        emit("ACK", [.init("seq", "\(sequence)"), .init("samples", "\(samples)")])
    }

    /// Ends `stop`.
    public mutating func finishStop() {
        guard case let .stopping(sequence) = busy else { return }
        busy = nil
        streaming = false
        emit("STOPPED", [.init("seq", "\(sequence)"), .init("stream", "\(stream)"), .init("samples", "\(samples)")])
    }

    /// Ends `load`; a device that cannot load models answers `ERR code=load`. (A virtual device that did load
    /// them starts over with a new engine instead.)
    public mutating func finishLoad(succeeded: Bool) {
        guard case let .loading(sequence) = busy else { return }
        busy = nil
        if !succeeded { emit("ERR", [.init("seq", "\(sequence)"), .init("code", "load")]) }
    }

    /// In acoustic mode, counts samples the microphone delivered.
    public mutating func countMicrophoneSamples(_ count: Int) { samples &+= UInt32(count) }

    /// One inference of model `model` gave `raw`.
    public mutating func reportProbability(model: Int, raw: UInt8) {
        emit("PROB", [.init("model", "\(model)"), .init("samples", "\(samples)"), .init("raw", "\(raw)")])
    }

    /// Model `model` detected its wake word.
    public mutating func reportDetection(model: Int) {
        emit("DET", [.init("model", "\(model)"), .init("samples", "\(samples)")])
    }

    /// Model `model` was loaded into an arena of `size` bytes of which it uses `used`.
    public mutating func reportArena(model: Int, used: Int, size: Int) {
        emit("ARENA", [.init("model", "\(model)"), .init("used", "\(used)"), .init("size", "\(size)")])
    }

    /// A problem of the device's own (`ring`, `inference`, `load`).
    public mutating func reportFault(kind: String, detail: String) {
        emit("FAULT", [.init("kind", kind), .init("detail", detail)])
    }

    private mutating func announce() {
        emit("HELLO", identity.helloFields)
        for index in identity.models.indices { emit("MODEL", identity.modelFields(index)) }
        emit("STATUS", [.init("state", streaming ? "streaming" : "idle"), .init("stream", "\(stream)"),
                        .init("expect", "\(expect)"), .init("samples", "\(samples)"),
                        .init("counters", counters.epochText), .init("resets", "\(counters.resets)"),
                        .init("bad", "\(counters.bad)")])
    }

    private mutating func resend(from: UInt32) {
        let kept = UInt32(history.count)
        let oldest = nextReport - kept
        if from == nextReport { return }
        guard from >= oldest, from < nextReport else {
            emit("GAP", [.init("from", "\(from)"), .init("oldest", "\(oldest)")])
            return
        }
        let start = history.count - Int(nextReport - from)
        outbox += history[start...]
    }

    private mutating func emit(_ type: String, _ fields: [Report.Field]) {
        let line = Report(sequence: nextReport, type: type, fields: fields).line
        nextReport &+= 1
        if history.count == identity.history { history.removeFirst() }
        history.append(line)
        outbox.append(line)
    }
}
