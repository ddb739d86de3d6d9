import AudioIO
import Foundation
import Support

/// Festival (`text2wave`) with Debian's English voices: two diphone voices (kal, ked: male US) that take a
/// duration stretch and a target mean pitch, and one HTS voice (slt: female US) that takes hts_engine's
/// speech rate and a pitch shift in half-tones. Festival is deterministic: a setting renders the same audio
/// every time. Only the voices that are installed are used.
public struct FestivalEngine: SpeechEngine {
    public var name: String { "festival" }
    public var installHint: String {
        "sudo apt-get install festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts"
    }
    public var relativeCost: Double { 4 }
    public var isDeterministic: Bool { true }

    /// Voice name → how it is steered.
    enum Kind { case diphone, hts }
    static let knownVoices: [(name: String, kind: Kind)] = [
        ("kal_diphone", .diphone), ("ked_diphone", .diphone), ("cmu_us_slt_arctic_hts", .hts),
    ]
    static let stretch = (low: 0.8, high: 1.25, step: 0.01)
    static let meanPitch = (low: 85.0, high: 150.0, step: 1.0)
    static let htsRate = (low: 0.8, high: 1.25, step: 0.01)
    static let htsHalftones = (low: -4.0, high: 6.0, step: 0.5)
    static let outputPeak: Float = 0.7

    /// Where Debian puts festival voices: `<root>/<language>/<voice>/`.
    let voiceRoot: String

    public init(voiceRoot: String = "/usr/share/festival/voices") {
        self.voiceRoot = voiceRoot
    }

    /// The known voices installed under the voice root, in a fixed order.
    public var installedVoices: [String] {
        let languages = (try? FileManager.default.contentsOfDirectory(atPath: voiceRoot)) ?? []
        return Self.knownVoices.map(\.name).filter { voice in
            languages.contains { FileManager.default.fileExists(atPath: "\(voiceRoot)/\($0)/\(voice)") }
        }
    }

    public var isAvailable: Bool { ExternalProgram.find("text2wave") != nil && !installedVoices.isEmpty }

    public func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        try DistinctSettings.draw(engine: name, speakers: installedVoices, count: count, using: &generator) { speaker, generator in
            if Self.kind(of: speaker) == .diphone {
                return [("stretch", .number(DistinctSettings.uniformStep(Self.stretch.low, Self.stretch.high, Self.stretch.step, using: &generator))),
                        ("f0", .integer(Int(DistinctSettings.uniformStep(Self.meanPitch.low, Self.meanPitch.high, Self.meanPitch.step, using: &generator))))]
            }
            return [("rate", .number(DistinctSettings.uniformStep(Self.htsRate.low, Self.htsRate.high, Self.htsRate.step, using: &generator))),
                    ("halftones", .number(DistinctSettings.uniformStep(Self.htsHalftones.low, Self.htsHalftones.high, Self.htsHalftones.step, using: &generator)))]
        }
    }

    static func kind(of voice: String) -> Kind? {
        knownVoices.first { $0.name == voice }?.kind
    }

    /// The Scheme expressions (`-eval`) that select the voice and apply its prosody.
    func schemeSetup(_ voice: VoiceSetting) throws(SynthError) -> [String] {
        guard let kind = Self.kind(of: voice.voice) else {
            throw SynthError("unknown festival voice '\(voice.voice)'; known: \(Self.knownVoices.map(\.name).joined(separator: ", "))")
        }
        var expressions = ["(voice_\(voice.voice))"]
        switch kind {
        case .diphone:
            let stretch = voice.number("stretch", default: 1)
            let f0 = voice.number("f0", default: 105)
            let spread = max(8, f0 * 0.13)
            expressions.append("(Parameter.set 'Duration_Stretch \(Self.decimal(stretch)))")
            expressions.append("(set! int_lr_params '((target_f0_mean \(Self.decimal(f0))) (target_f0_std \(String(format: "%.1f", spread)))"
                + " (model_f0_mean 170) (model_f0_std 34)))")
        case .hts:
            let rate = voice.number("rate", default: 1)
            let halftones = voice.number("halftones", default: 0)
            expressions.append("(set! hts_engine_params (append hts_engine_params '((\"-r\" \(Self.decimal(rate))) (\"-fm\" \(Self.decimal(halftones))))))")
        }
        return expressions
    }

    /// A number as Scheme reads it: "1.05", "120" (no trailing ".0").
    static func decimal(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }

    public func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("wakesmith-festival-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var arguments = ["-o", output]
        for expression in try schemeSetup(voice) { arguments += ["-eval", expression] }
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram("text2wave").run(arguments, input: Array(text.utf8), timeout: 120)
        } catch {
            throw SynthError(error.message, hint: installHint)
        }
        guard outcome.succeeded, FileManager.default.fileExists(atPath: output) else {
            throw SynthError("festival failed on '\(text)' with \(voice.key): \(outcome.lastErrorLine ?? "no output")")
        }
        do {
            let (samples, rate) = try AudioFile.readMonoFloat(path: output)
            return ClipShaping.scaledToPeak(try EspeakEngine.toDeviceRate(samples, from: rate), Self.outputPeak)
        } catch let error as SynthError {
            throw error
        } catch {
            throw SynthError("festival wrote unreadable audio for '\(text)': \(error)")
        }
    }
}
