import Dataset
import Support

/// A voice list without audio, enough to plan with (rendering it is a test failure).
struct FakeEngine: SpeechEngine {
    let name: String
    var speakerCount = 3
    var installHint: String { "apt-get install \(name)-tts" }
    var isAvailable = true
    var relativeCost: Double { 1 }
    var isDeterministic: Bool { true }

    func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        (0 ..< count).map { index in
            VoiceSetting(engine: name, voice: "v\(index % speakerCount)",
                         parameters: [("n", .integer(index)), ("r", .integer(generator.integer(in: 0 ... 8)))])
        }
    }

    func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        throw SynthError("planning must not render")
    }
}
