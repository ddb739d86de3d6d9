import Config
import Dataset
import Features
import Pipeline
import Support

/// `wakesmith features --config CFG`: augmentation + the device frontend → feature stores.
struct FeaturesCommand: Command {
    static let path = ["features"]
    static let abstract = "augment audio and compute device-frontend feature stores"
    static let discussion = """
        Builds every feature store under <features.work_dir>/features/<set>/<split>/ (positive, negative, \
        background × training, validation, testing, plus the ambient windows of background audio) as \
        RaggedMmap folders that microWakeWord's trainer and mmap_ninja read. Stores whose settings and \
        source files are unchanged are skipped; an interrupted run (Ctrl-C, or killed) resumes from the \
        chunks it finished when run again and ends with the same stores.
        """
    static let options: [Option] = [
        .value("config", "CFG", "config.yaml"),
        .value("workers", "N", "worker threads (default: features.workers; 0 = one per core)"),
        .flag("force", "rebuild every store, even the up-to-date ones"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let config = try ConfigLoader.load(path: try parsed.required("config"))
        var settings = FeatureBuildSettings(config.features)
        if let workers = try parsed.integer("workers", in: 0 ... 1024) { settings.workers = workers }
        let scan = try DatasetScanner.scan(config.dataset, progress: { ProgressBar(label: "scan", total: $0, unit: "files") })
        let sources = try FeatureSources.files(scan.records, datasetRoot: config.dataset.root)
        var builder = FeatureBuilder(settings: settings)
        builder.force = parsed.flag("force")
        let summary = try builder.build(sources: sources)
        for note in summary.notes { printError("warning: \(note)") }
        let root = FeatureStoreLayout.featuresFolder(work: settings.workDirectory)
        if summary.built.isEmpty {
            printOut("feature stores up to date (\(summary.skipped.count) stores in \(root))")
        } else {
            printOut("built \(summary.built.count) stores (\(summary.clips) augmented clips, "
                + "\(StepTimingsFormat.oneDecimal(summary.clipsPerSecond)) clips/s, \(summary.workers) workers), "
                + "\(summary.skipped.count) up to date, in \(root)")
        }
        return 0
    }
}
