import AudioIO
import Foundation
import Support
import Testing
import TestSupport
@testable import Dataset

@Suite struct SpeechEngineTests {
    @Test func streamedWAVIgnoresPlaceholderSizes() throws {
        var bytes = Array("RIFF".utf8) + [0x24, 0xF0, 0xFF, 0x7F] + Array("WAVEfmt ".utf8)
        bytes += [16, 0, 0, 0, 1, 0, 1, 0, 0x22, 0x56, 0, 0, 0x44, 0xAC, 0, 0, 2, 0, 16, 0]
        bytes += Array("data".utf8) + [0x00, 0xF0, 0xFF, 0x7F] + [0x00, 0x40, 0x00, 0xC0, 0x01]
        let (samples, rate) = try StreamedWAV.decode(bytes)
        #expect(rate == 22050 && samples == [0.5, -0.5]) // the odd trailing byte is dropped
        #expect(throws: SynthError.self) { try StreamedWAV.decode(Array("not a wav at all".utf8)) }
    }

    @Test(.enabled(if: EspeakEngine().isAvailable))
    func espeakSpeaksAt16kHzAndKnowsHomophones() throws {
        let engine = EspeakEngine()
        var generator = SeededGenerator(seed: 4)
        let voices = try engine.voices(count: 500, using: &generator)
        #expect(Set(voices).count == 500 && Set(voices.map(\.voice)).count == min(500, engine.speakers.count)) // every speaker before any repeats
        var again = SeededGenerator(seed: 4)
        #expect(try engine.voices(count: 500, using: &again) == voices)
        let samples = try engine.render("hey jarvis", voice: voices[0])
        #expect(samples.count > 8000 && samples.count < 48000)
        #expect(ClipShaping.rms(samples) > 0.01)
        #expect(try engine.render("hey jarvis", voice: voices[0]) == samples) // deterministic
        let phonemes = try EspeakEngine.phonemes(["hey jarvis", "hay jarvis", "hey. travis!"])
        #expect(phonemes.count == 3 && phonemes[0] == phonemes[1] && phonemes[0] != phonemes[2])
        #expect(throws: SynthError.self) { try engine.render("hi", voice: VoiceSetting(engine: "espeak", voice: "xx-nonexistent")) }
    }

    @Test(.enabled(if: FestivalEngine().isAvailable))
    func festivalSpeaksWithItsInstalledVoices() throws {
        let engine = FestivalEngine()
        var generator = SeededGenerator(seed: 1)
        let voices = try engine.voices(count: 4, using: &generator)
        #expect(Set(voices).count == 4 && voices.allSatisfy { engine.installedVoices.contains($0.voice) })
        let samples = try engine.render("hey jarvis", voice: voices[0])
        #expect(samples.count > 4000 && abs((samples.map(abs).max() ?? 0) - 0.7) < 1e-4)
    }

    @Test func festivalSchemeSetsProsody() throws {
        let engine = FestivalEngine()
        let diphone = try engine.schemeSetup(VoiceSetting(engine: "festival", voice: "kal_diphone", parameters: [("stretch", .number(1.05)), ("f0", .integer(120))]))
        #expect(diphone == ["(voice_kal_diphone)", "(Parameter.set 'Duration_Stretch 1.05)",
                            "(set! int_lr_params '((target_f0_mean 120) (target_f0_std 15.6) (model_f0_mean 170) (model_f0_std 34)))"])
        let hts = try engine.schemeSetup(VoiceSetting(engine: "festival", voice: "cmu_us_slt_arctic_hts", parameters: [("rate", .number(0.9)), ("halftones", .number(-2.5))]))
        #expect(hts[1] == #"(set! hts_engine_params (append hts_engine_params '(("-r" 0.9) ("-fm" -2.5))))"#)
        #expect(throws: SynthError.self) { try engine.schemeSetup(VoiceSetting(engine: "festival", voice: "nobody")) }
    }

    /// Piper is not installed here: a stand-in program with Piper's command line checks how the engine finds
    /// voices, which options it passes and how it reads the result.
    @Test func piperIsDrivenThroughItsCommandLine() throws {
        let folder = TemporaryDirectory("piper")
        let voices = folder.appending("voices").path
        try FileManager.default.createDirectory(atPath: voices, withIntermediateDirectories: true)
        for file in ["en_US-test-medium.onnx", "en_US-test-medium.onnx.json", "orphan.onnx"] {
            _ = FileManager.default.createFile(atPath: "\(voices)/\(file)", contents: Data())
        }
        let tone = TestSignals.sine(frequency: 440, seconds: 0.5, sampleRate: 22050, amplitude: 0.25)
        try AudioFileWriter.write(TestSignals.int16(tone), to: folder.appending("tone.wav").path, sampleRate: 22050)
        let program = folder.appending("piper").path
        try """
        #!/bin/sh
        if [ "$1" = "--help" ]; then echo "usage: piper --length-scale X --noise-scale Y --noise-w-scale Z"; exit 0; fi
        echo "$@" > "\(folder.path)/arguments"
        cat > "\(folder.path)/text"
        while [ $# -gt 0 ]; do if [ "$1" = "--output_file" ]; then cp "\(folder.path)/tone.wav" "$2"; fi; shift; done
        """.write(toFile: program, atomically: true, encoding: .utf8)
        chmod(program, 0o755)
        let engine = PiperEngine(program: program, voiceFolders: [voices])
        #expect(engine.isAvailable && engine.installedVoices.map(\.name) == ["en_US-test-medium"])
        var generator = SeededGenerator(seed: 2)
        let settings = try engine.voices(count: 30, using: &generator)
        #expect(Set(settings).count == 30)
        let samples = try engine.render("hey jarvis", voice: settings[0])
        #expect(abs(samples.count - 8000) < 50 && abs((samples.map(abs).max() ?? 0) - 0.7) < 1e-4)
        let arguments = try String(contentsOfFile: folder.appending("arguments").path, encoding: .utf8)
        #expect(arguments.contains("--model \(voices)/en_US-test-medium.onnx"))
        #expect(arguments.contains("--noise-w-scale \(settings[0].number("noise_w", default: 0))"))
        #expect(try String(contentsOfFile: folder.appending("text").path, encoding: .utf8) == "hey jarvis\n")
        #expect(!PiperEngine(program: folder.appending("absent").path, voiceFolders: [voices]).isAvailable)
    }
}
