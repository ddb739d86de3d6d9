import AudioIO
import DSP
import Foundation
import Support

/// espeak-ng: formant synthesis, robotic but offline, fast (hundreds of times real time) and deterministic.
/// Voices are English accents × voice variants × speed, pitch and word gap.
///
/// Its WAV on standard output is 22 050 Hz with placeholder chunk sizes (it streams); the samples are
/// resampled to 16 kHz with libsoxr.
public struct EspeakEngine: SpeechEngine {
    public static let program = "espeak-ng"
    public var name: String { "espeak" }
    public var installHint: String { "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng)" }
    public var isAvailable: Bool { ExternalProgram.find(Self.program) != nil }
    public var relativeCost: Double { 1 }
    public var isDeterministic: Bool { true }

    /// English accents shipped with espeak-ng (`espeak-ng --voices=en`).
    public static let accents = [
        "en-us", "en", "en-gb-x-rp", "en-gb-scotland", "en-029", "en-gb-x-gbclan", "en-gb-x-gbcwmd", "en-us-nyc",
    ]
    /// Variants (`espeak-ng --voices=variant`) that still sound like speech: male, female, klatt, named voices.
    public static let variants = [
        "",
        "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8",
        "f1", "f2", "f3", "f4", "f5",
        "klatt", "klatt2", "klatt3", "klatt4",
        "Alex", "Alicia", "Andrea", "Andy", "Annie", "Denis", "Gene", "Jacky", "Lee", "Michael", "Mike",
        "adam", "anika", "aunty", "belinda", "benjamin", "david", "ed", "edward", "grandma", "grandpa",
        "iven", "john", "linda", "max", "norbert", "paul", "quincy", "rob", "robert", "steph", "travis", "victor",
        "whisper", "whisperf", "zac",
    ]
    static let speedRange = 115 ... 200 // words per minute
    static let pitchRange = 15 ... 85 // 0…99
    static let gapRange = 0 ... 4 // extra pause between words, 10 ms units

    public init() {}

    /// Every accent+variant combination (`en-us+m3`): the speaker ids, independent of speed and pitch.
    public var speakers: [String] {
        Self.accents.flatMap { accent in Self.variants.map { $0.isEmpty ? accent : "\(accent)+\($0)" } }
    }

    public func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        try DistinctSettings.draw(engine: name, speakers: speakers, count: count, using: &generator) { _, generator in
            [("speed", .integer(generator.integer(in: Self.speedRange))),
             ("pitch", .integer(generator.integer(in: Self.pitchRange))),
             ("gap", .integer(generator.integer(in: Self.gapRange)))]
        }
    }

    /// The command-line options that select a voice setting.
    func arguments(for voice: VoiceSetting) -> [String] {
        ["--stdout", "--stdin", "-v", voice.voice,
         "-s", String(Int(voice.number("speed", default: 160))),
         "-p", String(Int(voice.number("pitch", default: 50))),
         "-g", String(Int(voice.number("gap", default: 0)))]
    }

    public func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram(Self.program).run(arguments(for: voice), input: Array(text.utf8), timeout: 120)
        } catch {
            throw SynthError(error.message, hint: installHint)
        }
        guard outcome.succeeded else {
            throw SynthError("\(Self.program) failed for voice \(voice.voice): \(outcome.lastErrorLine ?? "exit \(outcome.status)")")
        }
        let (samples, rate) = try StreamedWAV.decode(outcome.output)
        return try Self.toDeviceRate(samples, from: rate)
    }

    /// Samples at `rate` resampled to 16 kHz (libsoxr, high quality).
    static func toDeviceRate(_ samples: [Float], from rate: Int) throws(SynthError) -> [Float] {
        guard rate != DeviceAudioFormat.sampleRate, !samples.isEmpty else { return samples }
        do {
            return try Resampler.resample(samples, from: Double(rate), to: Double(DeviceAudioFormat.sampleRate))
        } catch {
            throw SynthError(error.message)
        }
    }

    /// espeak-ng's phoneme mnemonics for each text, phonemes separated by `_` and words by spaces
    /// (`h_'eI dZ_'A@_v_I_s`). One process for all texts; texts that do not line up are retried one by one.
    public static func phonemes(_ texts: [String], voice: String = "en-us") throws(SynthError) -> [String] {
        guard !texts.isEmpty else { return [] }
        let program = ExternalProgram(Self.program)
        let payload = texts.map { Self.sentence($0) + ".\n" }.joined()
        let arguments = ["-q", "-x", "--sep=_", "--stdin", "-v", voice]
        do {
            let outcome = try program.run(arguments, input: Array(payload.utf8), timeout: 600)
            let lines = outcome.outputText.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if outcome.succeeded, lines.count == texts.count { return lines }
            return try texts.map { text throws(ProgramError) in
                let one = try program.run(["-q", "-x", "--sep=_", "-v", voice, Self.sentence(text)], timeout: 60)
                return one.outputText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
        } catch {
            throw SynthError(error.message, hint: "install espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng)")
        }
    }

    /// A text as one sentence: line breaks and sentence ends inside it would split espeak-ng's output lines.
    private static func sentence(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "." || $0 == "!" || $0 == "?" ? " " : $0 })
    }
}
