import Foundation
import Support

/// A device that speaks the protocol on a pseudo-terminal: the same link engine as the firmware harness, a
/// `VirtualModelRunner` in place of micro_wake_word, and the faults of a `FaultPlan` injected on the link.
/// `device simulate` runs one until SIGTERM; tests run one on a thread.
///
/// A `final class`: it owns the pseudo-terminal and all device state, and runs on one thread.
public final class VirtualDevice {
    /// Makes the runner for a `LOAD` (manifest paths, ESPHome release); throws what to tell the host.
    public typealias RunnerFactory = ([String], String) throws -> any VirtualModelRunner

    public let terminal: PseudoTerminal
    public private(set) var injector: FaultInjector
    private var runner: any VirtualModelRunner
    private let factory: RunnerFactory?
    private var engine: LinkEngine
    private var input: [UInt8] = []
    private var output: [UInt8] = []
    /// The report lines in `output`: where each ends, and its damage.
    private var pendingLines: [(end: Int, length: Int, damage: FaultInjector.LineDamage)] = []
    private var generator: SeededGenerator
    private var resetsLeft: Int
    private var chunksUntilReset: Int
    private let log: (String) -> Void
    /// Audio chunks processed (all streams).
    public private(set) var chunks = 0

    public init(terminal: PseudoTerminal, runner: any VirtualModelRunner, faults: FaultPlan,
                factory: RunnerFactory? = nil, log: @escaping (String) -> Void = { _ in })
    {
        self.terminal = terminal
        self.runner = runner
        self.factory = factory
        injector = FaultInjector(plan: faults)
        generator = SeededGenerator(seed: faults.seed, stream: 2)
        resetsLeft = faults.resets
        chunksUntilReset = 0
        self.log = log
        // The fault counters live as long as the device (as the firmware's do in RTC memory through resets).
        engine = LinkEngine(identity: Self.identity(runner: runner, boot: 0),
                            counters: DeviceCounters(epoch: UInt32(truncatingIfNeeded: generator.next())))
        chunksUntilReset = nextResetInterval()
        engine.boot()
        collectOutput()
    }

    static func identity(runner: any VirtualModelRunner, boot: UInt64) -> DeviceIdentity {
        let text = String(boot & 0xFFFF_FFFF, radix: 16)
        return DeviceIdentity(harnessVersion: FirmwareHarness.version, esphome: runner.esphome, board: "virtual",
                              boot: String(repeating: "0", count: 8 - text.count) + text, step: 160, window: 6,
                              history: 256, acoustic: false, models: runner.models)
    }

    /// 1 to 20 seconds of audio between resets.
    private func nextResetInterval() -> Int { resetsLeft > 0 ? 100 + Int(generator.next() % 1900) : Int.max }

    /// Serves the link until `shouldStop` says so (checked every 20 ms).
    public func run(until shouldStop: () -> Bool) {
        while !shouldStop() { step(wait: 0.02) }
    }

    /// The ground truth at the end, with the frames the device discarded as damaged (its own counter).
    public func finish() -> FaultInjector.Tally {
        var tally = injector.tally
        tally.badReports = Int(engine.counters.bad)
        return tally
    }

    /// The device's fault counters now.
    public var counters: DeviceCounters { engine.counters }

    /// One turn: write what is pending, read what arrived, let the engine act on it.
    public func step(wait: Double) {
        terminal.waitForActivity(wantWrite: !output.isEmpty, timeout: wait)
        if !output.isEmpty {
            let written = terminal.writeAvailable(output[...])
            output.removeFirst(written)
            delivered(written)
        }
        if let bytes = try? terminal.read(timeout: 0), !bytes.isEmpty {
            input += injector.hostToDevice(bytes)
        }
        var consumedTotal = 0
        while consumedTotal < input.count {
            let (consumed, action) = engine.receive(input[consumedTotal...])
            consumedTotal += consumed
            if let action {
                if perform(action) {
                    consumedTotal = input.count  // a reset loses what was still in the UART buffer
                }
            } else if consumed == 0 {
                break
            }
            collectOutput()
        }
        input.removeFirst(min(consumedTotal, input.count))
        collectOutput()
    }

    /// Does what the engine asks; returns true when the device reset meanwhile.
    private func perform(_ action: LinkEngine.Action) -> Bool {
        switch action {
        case .start:
            runner.start()
            engine.finishStart(succeeded: true)
        case let .audio(samples):
            chunksUntilReset -= 1
            if chunksUntilReset <= 0 {
                reboot(reason: "injected reset")
                return true
            }
            if injector.plan.slowMilliseconds > 0 { usleep(UInt32(injector.plan.slowMilliseconds * 1000)) }
            runner.feed(samples) { event in
                switch event {
                case let .arena(model, used, size): engine.reportArena(model: model, used: used, size: size)
                case let .inference(model, raw): engine.reportProbability(model: model, raw: raw)
                case let .detection(model): engine.reportDetection(model: model)
                }
            }
            chunks += 1
            engine.finishAudio()
        case .stop:
            engine.finishStop()
        case let .load(esphome, manifests):
            guard let factory else {
                engine.finishLoad(succeeded: false)
                return false
            }
            do {
                runner = try factory(manifests, esphome)
                log("loaded \(manifests.count) model(s) as ESPHome \(esphome)")
                engine.finishLoad(succeeded: true)
                boot(counters: engine.counters)
                return true
            } catch {
                engine.reportFault(kind: "load", detail: "\(error)")
                engine.finishLoad(succeeded: false)
            }
        }
        return false
    }

    /// A reset: everything in flight is lost, the boot ROM prints its banner, the harness announces itself.
    private func reboot(reason: String) {
        resetsLeft -= 1
        injector.countReset()
        log("reset (\(reason))")
        cutOutput()
        terminal.discardInput()
        var counters = engine.counters
        counters.resets &+= 1
        chunksUntilReset = nextResetInterval()
        for line in ["ESP-ROM:esp32s3-20210327", "Build:Mar 27 2021", "rst:0xc (RTC_SW_CPU_RST),boot:0x8 (SPI_FAST_FLASH_BOOT)"] {
            output += Array((line + "\r\n").utf8)
        }
        boot(counters: counters)
    }

    private func boot(counters: DeviceCounters) {
        engine = LinkEngine(identity: Self.identity(runner: runner, boot: generator.next()), counters: counters)
        runner.start()
        engine.boot()
    }

    private func collectOutput() {
        for line in engine.takeOutput() {
            let (bytes, damage) = injector.deviceToHost(Array((line + "\n").utf8))
            output += bytes
            pendingLines.append((output.count, bytes.count, damage))
        }
    }

    /// `written` bytes of the output went out: the lines now sent whole count as delivered.
    private func delivered(_ written: Int) {
        var whole = 0
        for index in pendingLines.indices {
            pendingLines[index].end -= written
            if pendingLines[index].end <= 0 { whole = index + 1 }
        }
        for line in pendingLines.prefix(whole) { injector.countDelivered(line.damage) }
        pendingLines.removeFirst(whole)
    }

    /// A reset: the output not yet sent is lost. A line cut short after its marker went out is a damaged
    /// report to the host (the boot ROM's text follows it on the same line); before that, a hidden one.
    private func cutOutput() {
        if let first = pendingLines.first {
            let sent = first.length - first.end
            if sent > 0 {
                let markerSent = sent >= DeviceProtocol.reportMarker.count && first.damage != .hidden
                injector.countDelivered(markerSent ? .damaged : .hidden)
            }
        }
        output.removeAll()
        pendingLines.removeAll()
    }
}
