import Support

/// A text-to-speech engine `wakesmith synth` drives: it says whether it is installed, lists the voice
/// settings it can render, and renders text to 16 kHz mono samples (1.0 = full scale).
///
/// Engines are external programs (espeak-ng, festival's `text2wave`, MBROLA through espeak-ng, Piper), so
/// `render` may be called from several threads at once.
public protocol SpeechEngine: Sendable {
    /// The name used on the command line, in manifests and in file names (`espeak`).
    var name: String { get }
    /// How to install it, for the line that says it was skipped.
    var installHint: String { get }
    /// Whether it can render here (program on PATH, voices present).
    var isAvailable: Bool { get }
    /// Rough CPU seconds per clip relative to espeak-ng, so slow jobs start first.
    var relativeCost: Double { get }
    /// Whether the same setting always renders the same samples (a seed then gives identical files).
    var isDeterministic: Bool { get }
    /// `count` distinct settings drawn with `generator` (the same draws for the same generator state).
    func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting]
    /// Speaks `text` with `voice`: 16 kHz mono samples.
    func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float]
}

/// Something synth could not do: a missing engine, an engine that failed on a text, a bad option.
public struct SynthError: UserFacingError, Equatable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
