import Support

/// The TTS engines `wakesmith synth` knows, in order of preference, and choosing among them.
///
/// Kokoro, which the Python reference also drives, is a Python library (onnxruntime) with no command-line
/// program, so the Swift synth does not offer it.
public enum SpeechEngines {
    /// Every known engine.
    public static let all: [any SpeechEngine] = [EspeakEngine(), PiperEngine(), FestivalEngine(), MbrolaEngine()]

    /// The names of every known engine.
    public static var names: [String] { all.map(\.name) }

    /// The engine called `name`, or a `SynthError` listing the known ones.
    public static func named(_ name: String, among engines: [any SpeechEngine] = all) throws(SynthError) -> any SpeechEngine {
        guard let engine = engines.first(where: { $0.name == name }) else {
            throw SynthError("unknown TTS engine '\(name)' (known: \(engines.map(\.name).joined(separator: ", ")))")
        }
        return engine
    }

    /// The engines to use and one note per problem. A missing engine is skipped with its install hint when
    /// `skipMissing` (the size's list), or an error (engines the user named). Fewer than `minimum` usable
    /// engines is a warning: the data is valid, only less varied.
    public static func select(_ names: [String], skipMissing: Bool, minimum: Int = 1,
                              among engines: [any SpeechEngine] = all) throws(SynthError) -> (engines: [any SpeechEngine], notes: [String])
    {
        var chosen: [any SpeechEngine] = [], notes: [String] = []
        var seen: Set<String> = []
        for name in names where seen.insert(name).inserted {
            let engine = try named(name, among: engines)
            if !engine.isAvailable {
                if skipMissing {
                    notes.append("skipping TTS engine \(name): not installed (\(engine.installHint))")
                    continue
                }
                throw SynthError("TTS engine '\(name)' is not installed", hint: engine.installHint)
            }
            chosen.append(engine)
        }
        if chosen.isEmpty {
            throw SynthError("none of the TTS engines \(names.joined(separator: ", ")) is installed",
                             hint: "install espeak-ng at least (Debian/Ubuntu: sudo apt-get install espeak-ng)")
        }
        if chosen.count < minimum {
            notes.append("warning: only \(chosen.count) TTS engine(s) available (\(chosen.map(\.name).joined(separator: ", "))); "
                + "this size asks for \(minimum) or more for voice variety: install the ones skipped above")
        }
        return (chosen, notes)
    }
}
