import Config
import Dataset
import Features
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
        let sources = try sourceFiles(scan.records, datasetRoot: config.dataset.root)
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

    /// The feature stage's view of the scan: every file readable in device format (the original, or the
    /// `validate --fix` copy), or one line saying what to do.
    static func sourceFiles(_ records: [SampleRecord], datasetRoot: String) throws -> [SourceFile] {
        let broken = records.filter { !$0.isReadable }
        if let first = broken.first {
            throw Failure("\(broken.count) unreadable audio file(s), e.g. \(first.relativePath)",
                          hint: "fix or remove them (see `wakesmith validate`)")
        }
        var unconverted: [String] = []
        var sources: [SourceFile] = []
        for record in records {
            var path = record.path
            if !record.isDeviceFormat {
                guard ConvertedCopy.exists(for: record, datasetRoot: datasetRoot) else {
                    unconverted.append(record.relativePath)
                    continue
                }
                path = ConvertedCopy.path(datasetRoot: datasetRoot, relativePath: record.relativePath)
            }
            sources.append(SourceFile(path: path, relativePath: record.relativePath, kind: record.kind,
                                      split: record.split ?? .train, contentHash: record.contentHash,
                                      durationSeconds: record.durationSeconds))
        }
        if let first = unconverted.first {
            throw Failure("\(unconverted.count) file(s) not in 16 kHz 16-bit mono, e.g. \(first)",
                          hint: "run `wakesmith validate --fix` to write converted copies")
        }
        return sources
    }
}

extension FeatureBuildSettings {
    /// The configuration's `features` section as build settings.
    init(_ config: FeaturesConfig) {
        self.init()
        workDirectory = config.workDirectory
        clipDurationSeconds = config.clipDurationSeconds
        wordEndOffsetSeconds = config.wordEndOffsetSeconds
        for split in FeatureStoreLayout.clipSplits {
            slideFrames[split] = config.slideFrames[split] ?? 1
            repetitions[split] = config.repetitions[split] ?? 1
        }
        ambientWindowSeconds = config.ambientWindowSeconds
        ambientFraction = (config.ambientFraction.validation, config.ambientFraction.testing)
        let a = config.augmentation
        augmentation.sevenBandEQ = a.sevenBandEQ
        augmentation.tanhDistortion = a.tanhDistortion
        augmentation.pitchShift = a.pitchShift
        augmentation.bandStop = a.bandStop
        augmentation.colorNoise = a.colorNoise
        augmentation.backgroundNoise = a.backgroundNoise
        augmentation.backgroundSNRDecibels = a.backgroundSNRDecibels
        augmentation.gain = a.gain
        augmentation.gainDecibels = a.gainDecibels
        augmentation.rir = a.rir
        augmentation.colorNoiseSNRDecibels = a.colorNoiseSNRDecibels
        augmentation.pitchSemitones = a.pitchSemitones
        workers = config.workers
        seed = config.seed
    }
}
