import AudioIO
import Support

/// Renders one planned job to 16 kHz mono samples. A pure function of the job's fields (the engines are
/// deterministic external programs), so the same job always gives the same samples.
public struct JobRenderer: Sendable {
    /// Short words are padded to this so every clip passes the dataset's minimum length.
    public static let minimumSpeechSeconds = 0.5

    let engines: [any SpeechEngine]

    public init(engines: [any SpeechEngine]) {
        self.engines = engines
    }

    public func render(_ job: SynthJob) throws -> [Float] {
        switch job {
        case let .speech(speech): try renderSpeech(speech)
        case let .background(background): try renderBackground(background)
        case let .room(room): try renderRoom(room)
        }
    }

    func engine(_ name: String) throws(SynthError) -> any SpeechEngine {
        try SpeechEngines.named(name, among: engines)
    }

    /// The engine's audio with silence trimmed to a drawn margin (50–150 ms), padded to the minimum length,
    /// its peak set to a drawn level (−12…−2 dBFS).
    func renderSpeech(_ job: SynthJob.Speech) throws(SynthError) -> [Float] {
        var generator = SeededGenerator(seed: job.seed)
        var samples = try engine(job.voice.engine).render(job.text, voice: job.voice)
        samples = ClipShaping.trimSilence(samples, margin: generator.uniform(0.05, 0.15))
        samples = ClipShaping.padded(samples, toSeconds: Self.minimumSpeechSeconds)
        return ClipShaping.withPeak(samples, dbfs: generator.uniform(-12, -2))
    }

    /// Babble of the job's talkers at a drawn level (−30…−18 dBFS RMS), each talker 0…8 dB down from the
    /// others, and/or coloured noise 5–20 dB under the babble (or at −42…−22 dBFS alone); peak ≤ −1 dBFS.
    func renderBackground(_ job: SynthJob.Background) throws(SynthError) -> [Float] {
        var generator = SeededGenerator(seed: job.seed)
        let count = Int((job.seconds * Double(DeviceAudioFormat.sampleRate)).rounded())
        var total = [Float](repeating: 0, count: count)
        let babbleLevel = generator.uniform(-30, -18)
        if !job.voices.isEmpty {
            var streams: [[Float]] = []
            for (voice, text) in zip(job.voices, job.texts) {
                streams.append(try engine(voice.engine).render(text, voice: voice))
            }
            let gains = streams.map { _ in generator.uniform(-8, 0) }
            let offsets = streams.map { _ in generator.integer(in: 0 ..< (1 << 30)) }
            let babble = ClipShaping.withRMS(Babble.mix(streams, gainsDB: gains, count: count, offsets: offsets), dbfs: babbleLevel)
            for index in 0 ..< count { total[index] += babble[index] }
        }
        if job.mode.contains("noise") {
            let level = job.voices.isEmpty ? generator.uniform(-42, -22) : babbleLevel - generator.uniform(5, 20)
            let noise = ClipShaping.withRMS(job.color.samples(count, using: &generator), dbfs: level)
            for index in 0 ..< count { total[index] += noise[index] }
        }
        return ClipShaping.limitingPeak(total, dbfs: -1)
    }

    func renderRoom(_ job: SynthJob.Room) throws(SynthError) -> [Float] {
        var generator = SeededGenerator(seed: job.seed)
        switch job.mode {
        case .synthetic:
            return SyntheticImpulseResponse.make(rt60: job.rt60, using: &generator)
        case .simulated:
            let room = ShoeboxRoom.draw(using: &generator)
            guard let prepared = ImpulseResponse.prepared(room.impulseResponse(seed: job.seed ^ 0x5EED_0F_1A)) else {
                throw SynthError("the simulated room \(job.file) gave a silent impulse response")
            }
            return PCM.float(from: prepared)
        }
    }
}
