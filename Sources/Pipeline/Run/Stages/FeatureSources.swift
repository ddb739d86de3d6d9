import Config
import Dataset
import Features
import Support

/// The feature stage's view of a dataset scan, shared by `wakesmith features` and `wakesmith run`.
public enum FeatureSources {
    /// Every file readable in device format (the original, or the `validate --fix` copy), or one line
    /// saying what to do.
    public static func files(_ records: [SampleRecord], datasetRoot: String) throws(Failure) -> [SourceFile] {
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
    public init(_ config: FeaturesConfig) {
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
