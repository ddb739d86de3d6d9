import Foundation
import Support

/// Why a stream was discarded and sent again from its first sample.
enum StreamAbort: Error, CustomStringConvertible {
    case reset
    case gap
    case timeouts
    case lostStream(String)
    case deviceFault(String)
    case inconsistent(String)

    var description: String {
        switch self {
        case .reset: "the device reset"
        case .gap: "the device no longer had reports the host missed"
        case .timeouts: "the device stopped answering"
        case let .lostStream(code): "the device lost the stream (ERR \(code))"
        case let .deviceFault(kind): "the device reported a fault (\(kind))"
        case let .inconsistent(what): "the device's reports did not add up (\(what))"
        }
    }
}

struct StreamState {
    var id: UInt16
    var startSequence: UInt16?
    var stopSequence: UInt16?
    var started = false
    var stopped = false
    var stoppedSamples: UInt32 = 0
    var abort: StreamAbort?
    var fatal: Failure?
    var outcome: StreamOutcome
    var acknowledgedSamples = 0

    init(id: UInt16, models: Int) {
        self.id = id
        outcome = StreamOutcome(models: models)
    }
}

extension DeviceSession {
    /// Streams `samples` (16 kHz mono) to the device in chunks of one feature step, as fast as it takes them,
    /// and returns what its models did. Starts the stream over (up to `timing.streamAttempts` times) when the
    /// device reset or lost it; `progress` hears the samples acknowledged so far. Ctrl-C ends the stream on the
    /// device and throws `Interrupted`.
    public func stream(_ samples: [Int16], mode: UInt8 = 0, progress: ((Int) -> Void)? = nil) throws -> StreamOutcome {
        try attempting { try streamOnce(samples, mode: mode, progress: progress) }
    }

    /// Runs one stream (`once`) until it completes, starting it over after a reset or a lost stream (up to
    /// `timing.streamAttempts` times), and counts the attempts.
    func attempting(_ once: () throws -> StreamOutcome) throws -> StreamOutcome {
        if identity == nil { try connect() }
        var reasons: [String] = []
        for attempt in 1 ... timing.streamAttempts {
            do {
                var outcome = try once()
                outcome.attempts = attempt
                return outcome
            } catch let abort as StreamAbort {
                faults.restartedStreams += 1
                reasons.append(abort.description)
                log("starting the stream over: \(abort)")
                current = nil
                try connect()
            }
        }
        throw Failure("the device lost the stream \(timing.streamAttempts) times (\(reasons.suffix(3).joined(separator: "; ")))",
                      hint: "check the cable and power; the faults above say what went wrong")
    }

    private func streamOnce(_ samples: [Int16], mode: UInt8, progress: ((Int) -> Void)?) throws -> StreamOutcome {
        guard let identity else { throw StreamAbort.lostStream("no identity") }
        streamCounter &+= 1
        current = StreamState(id: streamCounter, models: identity.models.count)
        current?.startSequence = sendSequenced(.start(stream: streamCounter, mode: mode), samplesAfter: 0)
        let step = max(1, min(identity.step, DeviceProtocol.maximumAudioSamples))
        let window = max(1, identity.window)
        var offset = 0
        var stopSent = false
        var reported = -1
        while true {
            if shouldStop() {
                abandon()
                throw Interrupted()
            }
            guard var state = current else { throw StreamAbort.lostStream("no stream") }
            if let fatal = state.fatal {
                abandon()
                throw fatal
            }
            if let abort = state.abort { throw abort }
            if state.stopped { break }
            if mode == 0 {
                while unacknowledged.count < window, offset < samples.count {
                    let end = min(offset + step, samples.count)
                    sendSequenced(.audio(offset: UInt32(offset), samples: Array(samples[offset ..< end])), samplesAfter: UInt32(end))
                    offset = end
                }
            }
            if !stopSent, offset == samples.count, unacknowledged.count < window, mode == 0 || state.acknowledgedSamples >= samples.count {
                state.stopSequence = sendSequenced(.stop(stream: state.id), samplesAfter: UInt32(samples.count))
                current?.stopSequence = state.stopSequence
                stopSent = true
            }
            try pump(wait: 0.05)
            if let done = current?.acknowledgedSamples, done != reported {
                reported = done
                progress?(done)
            }
        }
        guard let state = current else { throw StreamAbort.lostStream("no stream") }
        current = nil
        if mode == 0, Int(state.stoppedSamples) != samples.count {
            throw StreamAbort.inconsistent("STOPPED says \(state.stoppedSamples) samples, \(samples.count) were sent")
        }
        var outcome = state.outcome
        outcome.samples = Int(state.stoppedSamples)
        return outcome
    }

    /// Ctrl-C: tells the device to stop (best effort, briefly) so it is not left running.
    private func abandon() {
        guard let state = current, state.started, !state.stopped else { return }
        let stop = sendSequenced(.stop(stream: state.id), samplesAfter: 0)
        current?.stopSequence = stop
        let deadline = Self.now + 1
        while Self.now < deadline, current?.stopped != true { try? pump(wait: 0.05, watchTimeouts: false) }
        current = nil
    }

    func abortStream(_ reason: StreamAbort) {
        guard current != nil, current?.stopped != true else { return }
        if current?.abort == nil { current?.abort = reason }
        unacknowledged.removeAll()
    }

    // MARK: - Reports in order

    func handleInOrder(_ report: Report) {
        switch report.type {
        case "HELLO":
            hello = report
            helloModels = []
        case "MODEL":
            helloModels.append(DeviceIdentity.Model(
                id: report["id"] ?? "", wakeWord: report["wake_word"] ?? "", hash: report["hash"] ?? "",
                cutoff: report.integer("cutoff") ?? 0, slidingWindow: report.integer("window") ?? 0,
                arena: report.integer("arena") ?? 0))
        case "STATUS":
            finishIdentity(report)
        case "STARTED", "ACK", "STOPPED":
            handleAcknowledgement(report)
        case "PROB", "DET", "ARENA":
            handleModelEvent(report)
        case "NAK":
            faults.missingFrames += 1
            if let expect = report.integer("expect") { goBack(to: UInt16(truncatingIfNeeded: expect)) }
        case "BAD":
            if !counterLedger.isAvailable { faults.damagedFrames += 1 }  // else STATUS counts it, lost reports included
        case "ERR":
            handleRefusal(report)
        case "FAULT":
            let kind = report["kind"] ?? "unknown"
            faults.deviceFaults[kind, default: 0] += 1
            if kind == "load", expectingNewBoot { loadAnswer = .failed(report["detail"] ?? "no detail") }
            log("the device reports a fault: \(kind) \(report["detail"] ?? "")")
            abortStream(.deviceFault(kind))
        case "GAP":
            handleGap(report)
        default:
            break  // a newer report type: ignored, as the protocol says
        }
    }

    private func finishIdentity(_ status: Report) {
        guard let hello else { return }
        var read = DeviceIdentity(
            harnessVersion: hello.integer("harness") ?? 0,
            esphome: hello["esphome"] ?? "?", board: hello["board"] ?? "?", boot: hello["boot"] ?? "",
            step: hello.integer("step") ?? 160, window: hello.integer("window") ?? 1, history: hello.integer("history") ?? 0,
            acoustic: hello["acoustic"] == "1", models: helloModels)
        read.protocolVersion = hello.integer("protocol") ?? 0
        identity = read
        statusCount += 1
        if let counters = DeviceCounters(status: status) {
            counterLedger.take(counters)
            faults.damagedFrames = counterLedger.damagedFrames
            faults.resets = counterLedger.resets
            faults.lostCounters = counterLedger.lostEpochs
        }
        deviceStatus = DeviceStatus(streaming: status["state"] == "streaming",
                                    stream: UInt16(truncatingIfNeeded: status.integer("stream") ?? 0),
                                    expect: UInt16(truncatingIfNeeded: status.integer("expect") ?? 0))
    }

    private func handleAcknowledgement(_ report: Report) {
        guard let sequence = report.integer("seq").map({ UInt16(truncatingIfNeeded: $0) }) else { return }
        guard let pending = acknowledge(sequence) else {
            abortStream(.inconsistent("\(report.type) for frame \(sequence), expected \(unacknowledged.first.map { "\($0.sequence)" } ?? "none")"))
            return
        }
        guard current != nil else { return }
        switch report.type {
        case "STARTED":
            current?.started = true
        case "ACK":
            let samples = report.integer("samples") ?? -1
            guard samples == Int(pending.samplesAfter) else {
                abortStream(.inconsistent("ACK says \(samples) samples, \(pending.samplesAfter) were sent"))
                return
            }
            current?.acknowledgedSamples = samples
        default:
            current?.stopped = true
            current?.stoppedSamples = UInt32(truncatingIfNeeded: report.integer("samples") ?? 0)
        }
    }

    private func handleModelEvent(_ report: Report) {
        guard let state = current, state.started, !state.stopped, let model = report.integer("model"),
              model < state.outcome.inferences.count
        else {
            if current != nil { abortStream(.inconsistent("\(report.type) outside a stream or for an unknown model")) }
            return
        }
        switch report.type {
        case "PROB":
            let raw = UInt8(clamping: report.integer("raw") ?? 0)
            current?.outcome.inferences[model].append(.init(samples: report.integer("samples") ?? 0, raw: raw))
        case "DET":
            current?.outcome.detections[model].append(report.integer("samples") ?? 0)
        default:
            current?.outcome.arenas[model] = .init(used: report.integer("used") ?? 0, size: report.integer("size") ?? 0)
        }
    }

    private func handleRefusal(_ report: Report) {
        let code = report["code"] ?? "?"
        // `ERR code=idle` for a frame no longer outstanding answers a late duplicate (a STOP sent again after the
        // device took it): nothing was lost. (After a reset the new boot's HELLO ends the stream.)
        if code == "idle", let sequence = report.integer("seq").map({ UInt16(truncatingIfNeeded: $0) }),
           !unacknowledged.contains(where: { $0.sequence == sequence })
        {
            return
        }
        faults.refusals[code, default: 0] += 1
        switch code {
        case "load":
            if case .failed = loadAnswer {} else { loadAnswer = .refused }
        case "acoustic", "mode":
            current?.fatal = Failure("the device cannot stream in this mode: it has no microphone for acoustic tests",
                                     hint: "declare one under the harness microphone's `acoustic:` and flash again")
        case "start":
            current?.fatal = Failure("micro_wake_word did not start on the device", hint: "read its log (`esphome logs`)")
        default:
            if let sequence = report.integer("seq"), unacknowledged.first?.sequence == UInt16(truncatingIfNeeded: sequence) {
                _ = acknowledge(UInt16(truncatingIfNeeded: sequence))
            }
            abortStream(.lostStream(code))
        }
    }
}
