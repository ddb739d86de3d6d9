import Foundation
import Support

/// What to synthesise: every job of a run, drawn from one seed in the main process before any rendering.
///
/// File names start with the voice id and a double underscore (`espeak-en-us-m3__0007.wav`), so the split
/// group pattern `^(.+?)__` keeps every clip of one synthetic voice in one split.
public struct SynthPlan: Sendable {
    /// The sub-folder of each kind's folder that synth owns.
    public static let folder = "synth"
    public static let groupPattern = "^(.+?)__"
    /// Shares of the negatives: near misses, pieces of the phrase, ordinary sentences.
    static let negativeShares: [(category: String, share: Double)] = [("close", 0.4), ("partial", 0.25), ("sentence", 0.35)]
    static let backgroundModes = ["babble", "noise", "babble+noise"]
    /// Engines with few speakers would put all their clips in one split under the group pattern, so their
    /// settings are shared out over this many prosody groups (`festival-kal_diphone-g07`): every split hears
    /// every engine, at the price that validation and test are unseen prosody settings, not unseen speakers.
    static let prosodyGroups = ["piper": 40, "festival": 12, "mbrola": 10]

    public let jobs: [SynthJob]
    public let seed: UInt64

    /// What the plan is drawn from.
    public struct Request: Sendable {
        public var wakePhrase: String
        public var seed: UInt64 = 0
        public var positives: Int
        public var negatives: Int
        public var backgroundMinutes: Double
        public var rirs: Int
        public var engines: [any SpeechEngine]
        public var positiveWeights: [String: Double]? = nil
        public var negativeWeights: [String: Double]? = nil
        /// Engines whose voices talk in the babble; empty = the speech engines.
        public var backgroundEngines: [any SpeechEngine] = []
        public var roomMode: SynthSize.RoomMode = .synthetic
        /// Near misses: (source, text) from `NearMisses.nearMisses`.
        public var nearMisses: [(source: NearMisses.Source, text: String)] = []

        public init(wakePhrase: String, seed: UInt64 = 0, positives: Int, negatives: Int, backgroundMinutes: Double,
                    rirs: Int, engines: [any SpeechEngine])
        {
            self.wakePhrase = wakePhrase
            self.seed = seed
            self.positives = positives
            self.negatives = negatives
            self.backgroundMinutes = backgroundMinutes
            self.rirs = rirs
            self.engines = engines
        }
    }

    public init(_ request: Request) throws(SynthError) {
        guard !PhraseTexts.words(of: request.wakePhrase).isEmpty else {
            throw SynthError("the wake phrase '\(request.wakePhrase)' has no words", hint: #"give it in letters, e.g. --wake-word "hey jarvis""#)
        }
        seed = request.seed
        var generator = SeededGenerator(seed: request.seed)
        var jobs: [SynthJob] = []
        let wakeTexts = Self.cycle(PhraseTexts.positives(request.wakePhrase), request.positives, using: &generator)
        let positiveVoices = try Self.drawVoices(request.engines, count: request.positives, weights: request.positiveWeights, using: &generator)
        for (index, (voice, text)) in zip(positiveVoices, wakeTexts).enumerated() {
            jobs.append(.speech(.init(kind: .positive, index: index, text: text, voice: voice,
                                      seed: Self.jobSeed(request.seed, .positive, index),
                                      file: Self.speechFile(.positive, voice, index), category: "wake")))
        }
        let negativeTexts = Self.negativeTexts(request, using: &generator)
        let negativeVoices = try Self.drawVoices(request.engines, count: negativeTexts.count, weights: request.negativeWeights, using: &generator)
        for (index, (voice, entry)) in zip(negativeVoices, negativeTexts).enumerated() {
            jobs.append(.speech(.init(kind: .negative, index: index, text: entry.text, voice: voice,
                                      seed: Self.jobSeed(request.seed, .negative, index),
                                      file: Self.speechFile(.negative, voice, index), category: entry.category)))
        }
        let sentences = Sentences.ordinary(excluding: request.wakePhrase)
        let babbleEngines = request.backgroundEngines.isEmpty ? request.engines : request.backgroundEngines
        for (index, seconds) in Self.backgroundLengths(request.backgroundMinutes * 60, using: &generator).enumerated() {
            let mode = Self.backgroundModes[index % Self.backgroundModes.count]
            let talkers = mode.contains("babble") ? generator.integer(in: 1 ... 6) : 0
            let voices = talkers > 0 ? try Self.drawVoices(babbleEngines, count: talkers, weights: nil, using: &generator) : []
            // About 4 s per sentence; at most ~60 s per talker, looped with an offset to fill longer files.
            let perTalker = max(2, min(15, Int((seconds / 4).rounded(.up))))
            let texts = (0 ..< talkers).map { _ in Self.cycle(sentences, perTalker, using: &generator).joined(separator: " ") }
            let color = NoiseColor.allCases[generator.integer(in: 0 ..< NoiseColor.allCases.count)]
            let file = "\(SampleKind.background.rawValue)/\(Self.folder)/\(mode.replacingOccurrences(of: "+", with: "-"))-\(Self.padded(index, 3)).wav"
            jobs.append(.background(.init(index: index, seconds: seconds, mode: mode, color: color,
                                          seed: Self.jobSeed(request.seed, .background, index), file: file,
                                          voices: voices, texts: texts)))
        }
        for index in 0 ..< request.rirs {
            let roomSeed = Self.jobSeed(request.seed, .rir, index)
            switch request.roomMode {
            case .simulated:
                var roomGenerator = SeededGenerator(seed: roomSeed)
                let room = ShoeboxRoom.draw(using: &roomGenerator)
                jobs.append(.room(.init(index: index, rt60: room.rt60, seed: roomSeed,
                                        file: "rir/\(Self.folder)/simroom-\(Self.padded(index, 3)).wav", mode: .simulated)))
            case .synthetic:
                let rt60 = (generator.uniform(0.15, 0.9) * 1000).rounded() / 1000
                jobs.append(.room(.init(index: index, rt60: rt60, seed: roomSeed,
                                        file: "rir/\(Self.folder)/room-\(Self.padded(index, 3)).wav", mode: .synthetic)))
            }
        }
        self.jobs = jobs
    }

    /// A digest of every job: equal digests mean the same files (for resuming an interrupted run).
    public var digest: String {
        var text = "wakesmith synth plan v1\n"
        for job in jobs { text += JSONValue.object(job.manifestFields(runSeed: seed)).serialized() + "\n" }
        return BLAKE2b.hexDigest(text, digestLength: 16)
    }

    /// The voice id in file names: `espeak-en-us-m3`, plus a prosody group for engines with few speakers.
    public static func speakerID(_ voice: VoiceSetting) -> String {
        var id = voice.speakerKey
        if let groups = prosodyGroups[voice.engine] {
            id += "-g" + padded(Int(PhonemeNeighbours.stableOrder(voice.key) % UInt32(groups)), 2)
        }
        return id
    }

    static func speechFile(_ kind: SampleKind, _ voice: VoiceSetting, _ index: Int) -> String {
        "\(kind.rawValue)/\(folder)/\(speakerID(voice))__\(padded(index, 4)).wav"
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A job's own seed, from the run seed, its kind and its index (not from the plan's draws, so adding
    /// jobs of one kind never changes another kind's files).
    static func jobSeed(_ seed: UInt64, _ kind: SampleKind, _ index: Int) -> UInt64 {
        let code = UInt64(SampleKind.allCases.firstIndex(of: kind) ?? 0)
        var generator = SeededGenerator(seed: seed, stream: code, UInt64(index))
        return generator.next() >> 1
    }

    /// `count` items: the whole list in a shuffled order, repeated as needed (every item used evenly).
    static func cycle(_ items: [String], _ count: Int, using generator: inout SeededGenerator) -> [String] {
        guard !items.isEmpty, count > 0 else { return [] }
        var out: [String] = []
        while out.count < count {
            var round = items
            generator.shuffle(&round)
            out += round
        }
        return Array(out.prefix(count))
    }

    /// (category, text) for the negatives: near misses, pieces of the phrase, ordinary sentences, shuffled.
    static func negativeTexts(_ request: Request, using generator: inout SeededGenerator) -> [(category: String, text: String)] {
        let count = request.negatives
        let pools: [String: [String]] = [
            "close": request.nearMisses.map(\.text),
            "partial": PhraseTexts.partials(request.wakePhrase),
            "sentence": Sentences.ordinary(excluding: request.wakePhrase),
        ]
        var counts: [String: Int] = [:]
        for (category, share) in negativeShares.dropLast() {
            counts[category] = pools[category, default: []].isEmpty ? 0 : Int((Double(count) * share).rounded(.toNearestOrEven))
        }
        counts["sentence"] = count - counts.values.reduce(0, +)
        let dictionaryWords = Set(request.nearMisses.filter { $0.source == .dictionary }.map(\.text))
        var chosen: [(category: String, text: String)] = []
        for (category, _) in negativeShares {
            for text in cycle(pools[category, default: []], counts[category, default: 0], using: &generator) {
                chosen.append((category == "close" && dictionaryWords.contains(text) ? "close-word" : category, text))
            }
        }
        generator.shuffle(&chosen)
        return chosen
    }

    /// Background files of roughly 30–120 s adding up to `total` seconds (one file when the total is small).
    static func backgroundLengths(_ total: Double, using generator: inout SeededGenerator) -> [Double] {
        guard total > 0 else { return [] }
        let count = max(1, Int((total / 75).rounded(.toNearestOrEven)))
        let weights = (0 ..< count).map { _ in generator.uniform(0.5, 1.5) }
        let sum = weights.reduce(0, +)
        return weights.map { (total * $0 / sum * 1000).rounded() / 1000 }
    }

    /// How many of `count` clips each engine renders: even shares, or by weight (largest remainder).
    public static func engineShares(_ names: [String], count: Int, weights: [String: Double]?) -> [Int] {
        guard !names.isEmpty else { return [] }
        guard let weights else {
            return names.indices.map { count / names.count + ($0 < count % names.count ? 1 : 0) }
        }
        let exact = names.map { Double(count) * (weights[$0] ?? 0) }
        var shares = exact.map { Int($0.rounded(.down)) }
        let byRemainder = names.indices.sorted { (Double(shares[$0]) - exact[$0], $0) < (Double(shares[$1]) - exact[$1], $1) }
        for index in byRemainder.prefix(max(0, count - shares.reduce(0, +))) { shares[index] += 1 }
        return shares
    }

    /// `count` voice settings shared out over the engines (evenly, or by weight), shuffled when several.
    static func drawVoices(_ engines: [any SpeechEngine], count: Int, weights: [String: Double]?,
                           using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting]
    {
        var voices: [VoiceSetting] = []
        for (engine, share) in zip(engines, engineShares(engines.map(\.name), count: count, weights: weights)) where share > 0 {
            voices += try engine.voices(count: share, using: &generator)
        }
        if engines.count > 1 { generator.shuffle(&voices) }
        return voices
    }
}
