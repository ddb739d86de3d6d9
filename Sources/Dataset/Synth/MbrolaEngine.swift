import Foundation
import Support

/// MBROLA diphone voices driven by espeak-ng (`espeak-ng -v mb-us1`), used only when installed.
///
/// MBROLA voices live in Debian contrib/non-free (`mbrola`, `mbrola-us1`, `mbrola-us2`, `mbrola-us3`,
/// `mbrola-en1`). Their licence allows non-commercial use and forbids redistribution in a product: clips
/// made with them are fine for training your own model; ship nothing made from them.
public struct MbrolaEngine: SpeechEngine {
    public var name: String { "mbrola" }
    public var installHint: String {
        "enable Debian contrib/non-free, then sudo apt-get install mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1"
    }
    public var relativeCost: Double { 1 }
    public var isDeterministic: Bool { true }

    static let knownVoices = ["us1", "us2", "us3", "en1"] // espeak-ng calls them mb-<voice>
    static let speed = (low: 120.0, high: 185.0, step: 1.0) // words per minute
    static let pitch = (low: 25.0, high: 75.0, step: 1.0) // espeak-ng pitch 0-99
    static let outputPeak: Float = 0.7

    let voiceRoot: String

    public init(voiceRoot: String = "/usr/share/mbrola") {
        self.voiceRoot = voiceRoot
    }

    /// Voices whose database is installed (Debian: `/usr/share/mbrola/<v>/<v>`).
    public var installedVoices: [String] {
        Self.knownVoices.filter {
            FileManager.default.fileExists(atPath: "\(voiceRoot)/\($0)/\($0)")
                || FileManager.default.fileExists(atPath: "\(voiceRoot)/\($0)")
        }
    }

    public var isAvailable: Bool {
        ExternalProgram.find(EspeakEngine.program) != nil && ExternalProgram.find("mbrola") != nil && !installedVoices.isEmpty
    }

    public func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        try DistinctSettings.draw(engine: name, speakers: installedVoices, count: count, using: &generator) { _, generator in
            [("speed", .integer(Int(DistinctSettings.uniformStep(Self.speed.low, Self.speed.high, Self.speed.step, using: &generator)))),
             ("pitch", .integer(Int(DistinctSettings.uniformStep(Self.pitch.low, Self.pitch.high, Self.pitch.step, using: &generator))))]
        }
    }

    public func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        guard Self.knownVoices.contains(voice.voice) else {
            throw SynthError("unknown MBROLA voice '\(voice.voice)'; known: \(Self.knownVoices.joined(separator: ", "))")
        }
        let arguments = ["-v", "mb-\(voice.voice)", "-s", String(Int(voice.number("speed", default: 150))),
                         "-p", String(Int(voice.number("pitch", default: 50))), "--stdout", "--stdin"]
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram(EspeakEngine.program).run(arguments, input: Array(text.utf8), timeout: 120)
        } catch {
            throw SynthError(error.message, hint: installHint)
        }
        guard outcome.succeeded, outcome.output.count > 44 else {
            throw SynthError("espeak-ng/mbrola failed on '\(text)' with \(voice.key): \(outcome.lastErrorLine ?? "no audio")")
        }
        let (samples, rate) = try StreamedWAV.decode(outcome.output)
        return ClipShaping.scaledToPeak(try EspeakEngine.toDeviceRate(samples, from: rate), Self.outputPeak)
    }
}
