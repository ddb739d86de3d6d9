import Testing
import TestSupport
@testable import Device

/// The device side of the protocol against the shared transcripts (the same ones the C++ engine of the
/// firmware harness runs in HarnessCodecTests).
@Suite struct LinkEngineTests {
    /// The device the transcripts describe (see scripts/fixtures/make_protocol_vectors.py).
    static let identity = DeviceIdentity(
        harnessVersion: 1, esphome: "2026.6.0", board: "test", boot: "0000abcd", step: 160, window: 6, history: 8,
        acoustic: false,
        models: [.init(id: "test_model", wakeWord: "Hey Test", hash: "0123456789abcdef", cutoff: 247, slidingWindow: 5, arena: 26080)])

    /// Its fault counters at boot (kept through two earlier resets, three damaged frames counted before).
    static let counters = DeviceCounters(epoch: 0xC0FF_EE00, resets: 2, bad: 3)

    /// The transcripts' stand-in for micro_wake_word (the same rules as in the script and the C++ test).
    struct StubApplication {
        var firstChunk = false

        mutating func perform(_ action: LinkEngine.Action, on engine: inout LinkEngine) {
            switch action {
            case .start:
                firstChunk = true
                engine.finishStart(succeeded: true)
            case let .audio(samples):
                if firstChunk { engine.reportArena(model: 0, used: 1000, size: 2000) }
                firstChunk = false
                engine.reportProbability(model: 0, raw: UInt8(truncatingIfNeeded: samples[0]))
                if samples[0] == 32767 { engine.reportDetection(model: 0) }
                engine.finishAudio()
            case .stop:
                engine.finishStop()
            case .load:
                engine.finishLoad(succeeded: false)
            }
        }
    }

    @Test(arguments: ProtocolVectors.shared.transcripts.map(\.name))
    func transcript(_ name: String) throws {
        let transcript = try #require(ProtocolVectors.shared.transcripts.first { $0.name == name })
        var engine = LinkEngine(identity: Self.identity, counters: Self.counters)
        var application = StubApplication()
        engine.boot()
        var produced = engine.takeOutput()
        var expected: [String] = []
        for step in transcript.steps {
            if step.kind == "out" {
                expected.append(step.value)
                continue
            }
            let input = bytes(hex: step.value)
            var index = 0
            while index < input.count {
                let (consumed, action) = engine.receive(input[index...])
                index += consumed
                if let action { application.perform(action, on: &engine) }
                #expect(consumed > 0 || action != nil, "the engine stalled")
                if consumed == 0, action == nil { break }
            }
            produced += engine.takeOutput()
        }
        #expect(produced == expected)
    }

    @Test func aBusyEngineConsumesNothingUntilTheActionIsFinished() {
        var engine = LinkEngine(identity: Self.identity, counters: Self.counters)
        engine.boot()
        _ = engine.takeOutput()
        let input = Frame(sequence: 1, .start(stream: 1, mode: 0)).encoded() + Frame(sequence: 2, .audio(offset: 0, samples: [1, 2])).encoded()
        var (consumed, action) = engine.receive(input[...])
        #expect(action == .start(stream: 1, mode: 0))
        #expect(engine.receive(input[consumed...]).consumed == 0)
        engine.finishStart(succeeded: true)
        (consumed, action) = engine.receive(input[consumed...])
        #expect(action == .audio([1, 2]))
        #expect(engine.samples == 2)
        engine.finishAudio()
        #expect(engine.takeOutput().map { ReportParser.reports(in: Array($0.utf8)).reports.first?.type } == ["STARTED", "ACK"])
    }
}
