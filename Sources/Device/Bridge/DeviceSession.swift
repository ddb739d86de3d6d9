import Foundation
import Support

/// The host's half of the device protocol (docs/device-protocol.md §4) over one link: identifies the device,
/// streams audio with at most `window` frames outstanding, puts reports back in order (`RESEND`), sends lost
/// frames again (`NAK`, timeouts), notices resets, and starts a stream over when the device lost it, so a
/// result is only ever reported for audio the device took whole.
///
/// A `final class`: it owns the link and the state of both directions, and is used from one thread.
public final class DeviceSession {
    /// How long to wait before asking again, and how often to try.
    public struct Timing: Sendable {
        public var minimumTimeout = 0.5
        public var maximumTimeout = 3.0
        public var consecutiveTimeouts = 5
        public var connectAttempts = 5
        public var connectWait = 2.0
        public var streamAttempts = 8
        /// `LOAD`s sent before giving up, and how long to wait for the new boot after each.
        public var loadAttempts = 4
        public var loadWait = 10.0

        public init() {}
    }

    public let transport: any Transport
    public let timing: Timing
    /// What the device said about itself at the last synchronisation.
    public internal(set) var identity: DeviceIdentity?
    /// Everything that went wrong on the link so far.
    public internal(set) var faults = LinkFaults()
    /// The device's fault counters, reconciled at every `STATUS`.
    var counterLedger = CounterLedger()
    /// The device's fault counters when this session first synchronised (what it counted before), if it keeps them.
    public var initialCounters: DeviceCounters? { counterLedger.initial }
    /// Where notes for the user go (restarts, resets); standard error by default.
    let log: @Sendable (String) -> Void
    /// Whether to stop at the next safe point: Ctrl-C (`Interrupt`) by default.
    let shouldStop: @Sendable () -> Bool

    // Reports in order.
    var receiver = ReportReceiver()
    var rejectedSeen = 0
    var expectedReport: UInt32?
    var gapRequest: (from: UInt32, time: Double)?
    var knownBoot: String?
    var expectingNewBoot = false

    // The identity being read (HELLO, then MODELs, then STATUS).
    var hello: Report?
    var helloModels: [DeviceIdentity.Model] = []
    var deviceStatus: DeviceStatus?
    /// `STATUS` reports taken in order so far, and writes to the link so far (`settle()`).
    var statusCount = 0
    var writes = 0

    // Frames.
    var nextSequence = UInt16.random(in: 0 ... .max)
    var unacknowledged: [PendingFrame] = []
    var lastProgress = 0.0
    var lastBytes = 0.0
    var lastProbe = 0.0
    var consecutiveTimeouts = 0
    var roundTrip = 0.05

    // The stream being sent.
    var current: StreamState?
    var streamCounter = UInt16.random(in: 0 ... .max)

    struct DeviceStatus {
        var streaming: Bool
        var stream: UInt16
        var expect: UInt16
    }

    struct PendingFrame {
        var sequence: UInt16
        var bytes: [UInt8]
        var sentAt: Double
        var retransmitted: Bool
        /// The stream's samples once the device took this frame (AUDIO), for checking its ACK.
        var samplesAfter: UInt32
    }

    /// - Parameter shouldStop: polled between units of work; when it returns true the session stops the
    ///   device's stream and throws `Interrupted`. Ctrl-C by default; tests pass their own flag, since the
    ///   process-wide one would stop every other session in the test process too.
    public init(transport: any Transport, timing: Timing = Timing(),
                log: @escaping @Sendable (String) -> Void = { printError("device: \($0)") },
                shouldStop: @escaping @Sendable () -> Bool = { Interrupt.isRequested })
    {
        self.transport = transport
        self.timing = timing
        self.log = log
        self.shouldStop = shouldStop
    }

    /// Throws `Interrupted` when `shouldStop` says so: call between units of work.
    func checkStop() throws(Interrupted) {
        if shouldStop() { throw Interrupted() }
    }

    static var now: Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// The wait before asking again: eight round trips, within the configured bounds.
    var timeout: Double { min(timing.maximumTimeout, max(timing.minimumTimeout, 8 * roundTrip)) }

    /// The quick retry after silence: four round trips (at least 30 ms). Probes and repeated RESENDs are
    /// duplicates at worst, which both ends drop.
    var retryInterval: Double { min(timeout, max(0.03, 4 * roundTrip)) }

    // MARK: - Synchronising

    /// Asks the device who it is (`QUERY`) until `HELLO`, the `MODEL`s and `STATUS` arrive in order, and ends
    /// a stream an earlier host left running. Also the way back after anything the rules cannot repair.
    @discardableResult
    public func connect() throws -> DeviceIdentity {
        for _ in 0 ..< timing.connectAttempts {
            expectedReport = nil
            hello = nil
            identity = nil
            deviceStatus = nil
            unacknowledged.removeAll()
            gapRequest = nil
            try discardStaleInput()
            try write([DeviceProtocol.delimiter] + Frame(.query).encoded(), timeout: 5)
            let deadline = Self.now + timing.connectWait
            while Self.now < deadline, identity == nil {
                try checkStop()
                try pump(wait: 0.05, watchTimeouts: false)
            }
            if identity != nil { break }
        }
        guard let identity, let deviceStatus else {
            throw TransportError(path: transport.name, reason: "no answer from a wakesmith harness",
                                 hint: "flash it with `wakesmith device flash`, and check this is its UART port")
        }
        guard identity.protocolVersion == Int(DeviceProtocol.version) else {
            throw Failure("the device speaks protocol \(identity.protocolVersion); this wakesmith speaks \(DeviceProtocol.version)",
                          hint: "flash the harness again with this wakesmith (`wakesmith device flash`)")
        }
        nextSequence = deviceStatus.expect
        if deviceStatus.streaming { try endAbandonedStream(deviceStatus.stream) }
        lastProgress = Self.now
        return identity
    }

    /// Reads and drops what is still arriving from before (quiet for 0.1 s, at most 2 s), counting the
    /// damaged report lines in it: they are faults the host saw even though it no longer needs their reports.
    /// A line cut off at the end is kept and completed by what follows.
    private func discardStaleInput() throws {
        let deadline = Self.now + 2
        while Self.now < deadline {
            let bytes = try transport.read(timeout: 0.1)
            if bytes.isEmpty { break }
            _ = receiver.receive(bytes)
        }
        faults.damagedReports += receiver.rejected - rejectedSeen
        rejectedSeen = receiver.rejected
    }

    /// Ends a stream the device still runs (an earlier host was killed): STOP with the number it expects.
    private func endAbandonedStream(_ stream: UInt16) throws {
        current = StreamState(id: stream, models: identity?.models.count ?? 0)
        current?.started = true
        let stop = sendSequenced(.stop(stream: stream), samplesAfter: 0)
        current?.stopSequence = stop
        let deadline = Self.now + timing.maximumTimeout * Double(timing.consecutiveTimeouts)
        while current?.stopped != true, current?.abort == nil, Self.now < deadline {
            try pump(wait: 0.05)
        }
        current = nil
        unacknowledged.removeAll()
    }

    /// Virtual device only: runs these manifests as ESPHome release `esphome`, then reads the new identity.
    /// The device announces a load by booting again, so when no new boot shows up the host asks (`QUERY`:
    /// has the boot changed?) and sends the `LOAD` again only when the device still runs the old boot, up to
    /// `timing.loadAttempts` times. Throws `DeviceLoadError` (or the link's own errors, and `Interrupted`).
    public func load(manifests: [String], esphome: String) throws -> DeviceIdentity {
        if identity == nil { try connect() }
        let frame = Frame(.load(esphome: esphome, manifests: manifests)).encoded()
        expectingNewBoot = true
        defer { expectingNewBoot = false }
        let oldBoot = knownBoot
        for attempt in 1 ... max(1, timing.loadAttempts) {
            loadAnswer = nil
            if attempt > 1 { log("no new boot after LOAD; sending it again (attempt \(attempt))") }
            try write([DeviceProtocol.delimiter] + frame, timeout: 5)
            let deadline = Self.now + timing.loadWait
            lastProgress = Self.now
            while Self.now < deadline, loadAnswer == nil {
                try checkStop()
                try pump(wait: 0.05)
                if let identity, identity.boot != oldBoot, deviceStatus != nil { return identity }
            }
            switch loadAnswer {
            case let .failed(detail): throw DeviceLoadError.failed(port: transport.name, detail: detail)
            case .refused: throw DeviceLoadError.notVirtual(port: transport.name)
            case nil: break
            }
            // Silence: the LOAD was lost, or the device loaded and its announcement was. Ask.
            try connect()
            if let identity, identity.boot != oldBoot { return identity }
        }
        throw DeviceLoadError.noAnswer(port: transport.name, attempts: max(1, timing.loadAttempts))
    }

    /// What the device said to the last `LOAD` other than booting again.
    enum LoadAnswer {
        case refused
        case failed(String)
    }

    var loadAnswer: LoadAnswer?

    /// Writes bytes to the device, counting the writes (`settle()` needs to know nothing else went out).
    func write(_ bytes: [UInt8], timeout: Double) throws {
        writes &+= 1
        try transport.write(bytes, timeout: timeout)
    }

    // MARK: - Reading reports

    /// Reads what arrives within `wait` seconds, handles each report, and deals with timeouts.
    func pump(wait: Double, watchTimeouts: Bool = true) throws {
        let bytes = try transport.read(timeout: wait)
        if !bytes.isEmpty {
            lastBytes = Self.now
            for report in receiver.receive(bytes) { accept(report) }
            faults.damagedReports += receiver.rejected - rejectedSeen
            rejectedSeen = receiver.rejected
        }
        if watchTimeouts { try checkTimeout() }
    }

    /// Puts reports in order: handles the expected one, asks again for a gap, drops duplicates. A `HELLO`
    /// from a new boot, and `GAP`, are taken whatever their number: the device started over.
    func accept(_ report: Report) {
        if report.type == "HELLO", let boot = report["boot"], boot != knownBoot {
            if knownBoot != nil, !expectingNewBoot {
                if !counterLedger.isAvailable { faults.resets += 1 }  // else STATUS counts it
                log("the device reset (boot \(boot))")
                abortStream(.reset)
            }
            knownBoot = boot
            expectedReport = report.sequence
        }
        guard let expected = expectedReport else {
            if report.type == "HELLO" {
                knownBoot = report["boot"]
                expectedReport = report.sequence
                accept(report)
            }
            return
        }
        if report.sequence == expected {
            expectedReport = expected &+ 1
            gapRequest = nil
            lastProgress = Self.now
            consecutiveTimeouts = 0
            handleInOrder(report)
        } else if report.sequence &- expected < 0x8000_0000 {
            let now = Self.now
            if gapRequest?.from != expected { faults.missingReports += 1 }
            if gapRequest?.from != expected || now - (gapRequest?.time ?? 0) > retryInterval {
                gapRequest = (expected, now)
                try? write(Frame(.resend(from: expected)).encoded(), timeout: 5)
            }
        } else if report.type == "GAP" {
            handleGap(report)
        }
    }

    func handleGap(_ report: Report) {
        log("the device no longer has reports from \(report["from"] ?? "?"); synchronising again")
        expectedReport = nil
        abortStream(.gap)
    }

    // MARK: - Frames

    /// Sends a sequenced frame and remembers it until it is acknowledged; returns its sequence number.
    @discardableResult
    func sendSequenced(_ command: Frame.Command, samplesAfter: UInt32) -> UInt16 {
        let sequence = nextSequence
        nextSequence &+= 1
        let bytes = Frame(sequence: sequence, command).encoded()
        unacknowledged.append(PendingFrame(sequence: sequence, bytes: bytes, sentAt: Self.now, retransmitted: false,
                                           samplesAfter: samplesAfter))
        if unacknowledged.count == 1 { lastProgress = Self.now }
        do { try write(bytes, timeout: 5) } catch { log("\(error)") }
        return sequence
    }

    /// Sends every unacknowledged frame from `sequence` on again, in order. (Each NAK asks for this once: the
    /// device NAKs a gap once, and again only after a damaged frame, which may have been the one resent.)
    func goBack(to sequence: UInt16) {
        guard let start = unacknowledged.firstIndex(where: { $0.sequence == sequence }) else { return }
        for index in start ..< unacknowledged.count {
            unacknowledged[index].retransmitted = true
            faults.retransmittedFrames += 1
            do { try write(unacknowledged[index].bytes, timeout: 5) } catch { log("\(error)") }
        }
    }

    /// Removes the acknowledged frame (the oldest one) and learns the round trip from it.
    func acknowledge(_ sequence: UInt16) -> PendingFrame? {
        guard let first = unacknowledged.first, first.sequence == sequence else { return nil }
        unacknowledged.removeFirst()
        if !first.retransmitted { roundTrip = 0.875 * roundTrip + 0.125 * (Self.now - first.sentAt) }
        return first
    }

    /// Nothing arrived for a while although the device owes something: ask for the reports again and send
    /// the unacknowledged frames again; too many in a row and the stream starts over.
    func checkTimeout() throws {
        let waiting = !unacknowledged.isEmpty || gapRequest != nil
        guard waiting else { return }
        let now = Self.now
        // After a short silence, probe: ask for reports from the next expected one (the last report may have
        // been lost; with none missing the device stays silent), and send the oldest and the newest
        // unacknowledged frame again (whichever was lost is replaced; duplicates are dropped).
        if now - max(lastBytes, lastProbe) > retryInterval {
            lastProbe = now
            if let expected = expectedReport {
                try? write(Frame(.resend(from: expected)).encoded(), timeout: 5)
            }
            for index in Set([unacknowledged.startIndex, unacknowledged.endIndex - 1]).sorted() where index >= 0 && index < unacknowledged.count {
                faults.retransmittedFrames += 1
                unacknowledged[index].retransmitted = true
                try? write(unacknowledged[index].bytes, timeout: 5)
            }
        }
        guard now - lastProgress > timeout else { return }
        if ProcessInfo.processInfo.environment["WAKESMITH_DEVICE_DEBUG"] != nil {
            log("timeout: unacked \(unacknowledged.map(\.sequence)) gap \(String(describing: gapRequest)) expected \(String(describing: expectedReport)) silence \(now - lastBytes) probe \(now - lastProbe) retry \(retryInterval) rtt \(roundTrip)")
        }
        faults.timeouts += 1
        consecutiveTimeouts += 1
        lastProgress = Self.now
        if consecutiveTimeouts > timing.consecutiveTimeouts {
            consecutiveTimeouts = 0
            abortStream(.timeouts)
            return
        }
        if let expected = expectedReport { try? write(Frame(.resend(from: expected)).encoded(), timeout: 5) }
        if let first = unacknowledged.first { goBack(to: first.sequence) }
    }
}
