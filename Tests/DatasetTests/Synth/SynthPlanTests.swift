import Foundation
import Support
import Testing
@testable import Dataset

@Suite struct SynthPlanTests {
    func request(_ engines: [any SpeechEngine] = [FakeEngine(name: "a")], seed: UInt64 = 7, positives: Int = 40,
                 negatives: Int = 60, minutes: Double = 3, rirs: Int = 5) -> SynthPlan.Request
    {
        var request = SynthPlan.Request(wakePhrase: "hey jarvis", seed: seed, positives: positives, negatives: negatives,
                                        backgroundMinutes: minutes, rirs: rirs, engines: engines)
        request.nearMisses = [(.spelling, "hey jervis"), (.dictionary, "hey travis"), (.spelling, "hay jarvis")]
        return request
    }

    @Test func aSeedFixesThePlan() throws {
        let plan = try SynthPlan(request())
        #expect(plan.jobs == (try SynthPlan(request())).jobs)
        #expect(plan.digest == (try SynthPlan(request())).digest)
        #expect(plan.digest != (try SynthPlan(request(seed: 8))).digest)
        let kinds = Dictionary(grouping: plan.jobs, by: \.kind).mapValues(\.count)
        #expect(kinds == [.positive: 40, .negative: 60, .background: 2, .rir: 5])
        #expect(Set(plan.jobs.map(\.file)).count == plan.jobs.count)
        #expect(Set(plan.jobs.map(\.seed)).count == plan.jobs.count)
    }

    @Test func textsFollowTheirKind() throws {
        let plan = try SynthPlan(request())
        var categories: [String: Int] = [:]
        for case let .speech(job) in plan.jobs {
            let plain = job.text.lowercased().replacingOccurrences(of: ",", with: "")
            if job.kind == .positive {
                #expect(plain.hasPrefix("hey jarvis") && job.category == "wake")
            } else {
                #expect(!plain.contains("hey jarvis"), "\(job.text)")
                categories[job.category, default: 0] += 1
            }
            // The split group pattern ^(.+?)__ finds the voice.
            let name = (job.file as NSString).lastPathComponent
            #expect(name.hasPrefix(SynthPlan.speakerID(job.voice) + "__"))
            #expect(job.file.hasPrefix("\(job.kind.rawValue)/synth/"))
        }
        #expect(categories["close", default: 0] + categories["close-word", default: 0] == 24)
        #expect(categories["close-word", default: 0] > 0)
        #expect(categories["partial"] == 15 && categories["sentence"] == 21)
    }

    @Test func backgroundAndRoomsAreDrawnFromTheSeed() throws {
        let plan = try SynthPlan(request(minutes: 10, rirs: 4))
        let backgrounds = plan.jobs.compactMap { if case let .background(job) = $0 { job } else { nil } }
        #expect(backgrounds.count == 8)
        #expect(abs(backgrounds.map(\.seconds).reduce(0, +) - 600) < 0.01)
        for job in backgrounds {
            #expect(job.voices.count == job.texts.count)
            #expect(job.mode.contains("babble") == !job.voices.isEmpty)
        }
        var request = request(rirs: 4)
        request.roomMode = .simulated
        let rooms = try SynthPlan(request).jobs.compactMap { if case let .room(job) = $0 { job } else { nil } }
        #expect(rooms.map(\.file) == (0 ..< 4).map { "rir/synth/simroom-00\($0).wav" })
        #expect(Set(rooms.map(\.rt60)).count == 4 && rooms.allSatisfy { (0.15 ... 0.9).contains($0.rt60) })
    }

    @Test(arguments: [0, 1, 7, 1000, 2001])
    func engineSharesAddUpAndFollowWeights(_ count: Int) {
        let names = ["a", "b", "c"]
        #expect(SynthPlan.engineShares(names, count: count, weights: nil).reduce(0, +) == count)
        let shares = SynthPlan.engineShares(names, count: count, weights: ["a": 0.6, "b": 0.3, "c": 0.1])
        #expect(shares.reduce(0, +) == count)
        for (share, weight) in zip(shares, [0.6, 0.3, 0.1]) { #expect(abs(Double(share) - Double(count) * weight) < 1) }
    }

    @Test func weightedPlanCountsEnginesAndUsesBabbleEngines() throws {
        let engines: [any SpeechEngine] = [FakeEngine(name: "a"), FakeEngine(name: "b"), FakeEngine(name: "c")]
        var request = request(engines, positives: 200, negatives: 100, minutes: 5, rirs: 0)
        request.positiveWeights = ["a": 0.5, "b": 0.4, "c": 0.1]
        request.negativeWeights = request.positiveWeights
        request.backgroundEngines = [engines[0]]
        var counts: [String: Int] = [:]
        var talkers: Set<String> = []
        for job in try SynthPlan(request).jobs {
            switch job {
            case let .speech(speech): counts["\(speech.kind.rawValue)-\(speech.voice.engine)", default: 0] += 1
            case let .background(background): talkers.formUnion(background.voices.map(\.engine))
            case .room: break
            }
        }
        #expect(counts == ["positive-a": 100, "positive-b": 80, "positive-c": 20, "negative-a": 50, "negative-b": 40, "negative-c": 10])
        #expect(talkers == ["a"])
    }

    @Test func fewSpeakerEnginesGetProsodyGroups() {
        let espeak = VoiceSetting(engine: "espeak", voice: "en-us+m3", parameters: [("speed", .integer(150)), ("pitch", .integer(40))])
        #expect(SynthPlan.speakerID(espeak) == "espeak-en-us-m3")
        #expect(espeak.key == "espeak-en-us-m3-pitch40_speed150")
        let piper = (0 ..< 200).map { VoiceSetting(engine: "piper", voice: "en_US-joe-medium", parameters: [("length_scale", .number(0.8 + Double($0) / 100))]) }
        let ids = Set(piper.map(SynthPlan.speakerID))
        #expect(ids.allSatisfy { $0.hasPrefix("piper-en_US-joe-medium-g") })
        #expect(ids.count >= 30 && ids.count <= 40)
        #expect(SynthPlan.speakerID(piper[5]) == SynthPlan.speakerID(piper[5]))
    }

    @Test func sizesResolveOverridesAndRefuseUnknownValues() throws {
        var settings = SynthSettings()
        #expect(try settings.resolvedSize() == SynthSize.demo)
        settings.size = "benchmark"
        settings.engines = ["espeak", " piper", "espeak"]
        settings.positives = 7
        settings.fetchSet = "none"
        settings.realRIRs = false
        let size = try settings.resolvedSize()
        #expect(size.engines == ["espeak", "piper"] && size.positives == 7 && size.fetchSet == nil && !size.realRIRs)
        #expect(size.negatives == SynthSize.benchmark.negatives)
        settings.size = "huge"
        #expect(throws: SynthError.self) { try settings.resolvedSize() }
        settings = SynthSettings()
        settings.fetchSet = "everything"
        #expect(throws: SynthError.self) { try settings.resolvedSize() }
        let weights = SynthSize.normalizedWeights(["a": 0.5, "b": 0.3, "c": 0.2], for: ["a", "c", "x"])
        #expect(abs((weights?["a"] ?? 0) - 0.5 / 0.9) < 1e-12 && abs((weights?["x"] ?? 0) - 0.2 / 0.9) < 1e-12)
        #expect(SynthSize.normalizedWeights([:], for: ["a"]) == nil)
    }

    @Test func engineSelectionSkipsMissingAndWarnsBelowTheMinimum() throws {
        let present = FakeEngine(name: "present")
        var missing = FakeEngine(name: "missing")
        missing.isAvailable = false
        let engines: [any SpeechEngine] = [present, missing]
        let (chosen, notes) = try SpeechEngines.select(["present", "missing"], skipMissing: true, minimum: 3, among: engines)
        #expect(chosen.map(\.name) == ["present"])
        #expect(notes.count == 2 && notes[0].contains("missing-tts") && notes[1].contains("only 1 TTS engine"))
        #expect(throws: SynthError.self) { try SpeechEngines.select(["present", "missing"], skipMissing: false, among: engines) }
        #expect(throws: SynthError.self) { try SpeechEngines.select(["missing"], skipMissing: true, among: engines) }
        #expect(throws: SynthError.self) { try SpeechEngines.select(["nope"], skipMissing: true, among: engines) }
    }
}
