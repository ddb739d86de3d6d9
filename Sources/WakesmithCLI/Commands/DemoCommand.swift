import Pipeline
import Support

/// `wakesmith demo [--dir DIR]`: synthesise "hey jarvis" and run every stage on the fast_test preset.
enum DemoCommand: Command {
    static let path = ["demo"]
    static let abstract = "synthesise \"hey jarvis\" data and run every stage on the fast_test preset in a fresh folder"
    static let discussion = """
        Creates DIR (default ./wakesmith-demo) with a config.yaml copied from the fast_test preset (wake phrase \
        and model name set), synthesises an offline espeak-ng dataset into DIR/dataset (sizes from the \
        config's synth: section), adds --ambient-hours of ambient test audio to the test split (3-minute files of \
        fresh espeak-ng talkers of test-split speakers over coloured noise, in DIR/dataset/background/demo-ambient, \
        mixed with real recordings of speech, music, crowds and noises that `data fetch --set lite` downloads into \
        DIR/recordings, outside the dataset, at most 4 minutes of each package; \
        a rate of 0.5 false accepts per hour is shown by its 95 % upper bound only with 7.4 h or more), then runs \(PipelineRunner.stages.map(\.rawValue).joined(separator: " → ")) \
        as `wakesmith run` does. Ends with one line per stage and where the model and manifest are. Run \
        again, it continues where it stopped: the config is kept, a finished synthesis is not repeated and \
        up-to-date stages are skipped.
        """
    static let options: [Option] = [
        .value("dir", "DIR", "the demo folder (default: wakesmith-demo)"),
        .value("wake-word", "PHRASE", #"the phrase to synthesise (default: "hey jarvis"; used when DIR has no config.yaml yet)"#),
        .value("ambient-hours", "H", "hours of ambient test audio to add to the test split (default \(Int(Demo.defaultAmbientHours)); 0 for none)"),
        .flag("no-recordings", "synthesised ambient test audio only: do not download real recordings"),
        .value("seed", "N", "synthesis seed (default: the preset's synth.seed)"),
        .flag("quiet", "no progress bars"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let phrase = parsed.value("wake-word") ?? "hey jarvis"
        guard !phrase.trimmingWhitespace().isEmpty else {
            throw UsageError(#"the wake phrase is empty; give e.g. --wake-word "hey jarvis""#, command: displayName)
        }
        var demo = Demo(folder: parsed.value("dir") ?? "wakesmith-demo", wakePhrase: phrase)
        demo.seed = try parsed.integer("seed", in: 0 ... Int.max).map { UInt64($0) }
        demo.ambientHours = try parsed.number("ambient-hours", in: 0 ... 1000) ?? Demo.defaultAmbientHours
        demo.showsProgress = !parsed.flag("quiet")
        demo.usesRecordings = !parsed.flag("no-recordings")
        demo.downloads = DataFetchCommand.downloadsForSynth(output: demo.project.datasetPath)
        let summary = try demo.run(stopped: { partial in
            printOut("")
            for line in partial.lines { printOut(line) }
        })
        printOut("")
        for line in summary.lines { printOut(line) }
        return 0
    }
}
