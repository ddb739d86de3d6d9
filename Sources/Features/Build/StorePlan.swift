import Dataset
import Frontend
import Support

/// One augmented clip to render: a source file (or a crop of a loaded background recording) and its
/// repetition.
public struct ClipJob: Sendable, Equatable {
    public enum Placement: Sendable, Equatable {
        /// The word ends a fixed (jittered) offset before the clip end.
        case positive
        /// Anywhere in the clip, or a random crop of a longer recording.
        case random
    }

    public var source: SourceFile
    public var placement: Placement
    /// Stable identity (hash of the relative path and crop index): with the repetition, the clip's seed.
    public var key: UInt64
    public var repetition: Int
    /// Which background recordings are mixed in: training ones, or held-out ones for evaluation splits.
    public var noisePool: NoisePool
    /// For background crops: the index of the recording among the loaded backgrounds.
    public var backgroundIndex: Int?

    public init(source: SourceFile, placement: Placement, key: UInt64, repetition: Int, noisePool: NoisePool,
                backgroundIndex: Int? = nil)
    {
        self.source = source
        self.placement = placement
        self.key = key
        self.repetition = repetition
        self.noisePool = noisePool
        self.backgroundIndex = backgroundIndex
    }
}

/// Background recordings used as augmentation noise, kept apart by split so evaluation noise is never the
/// noise the model trained on.
public enum NoisePool: String, Sendable, CaseIterable {
    case training, heldOut
}

/// Consecutive windows cut from the share [start, stop) of one loaded background recording.
public struct AmbientJob: Sendable, Equatable {
    public var backgroundIndex: Int
    public var start: Double
    public var stop: Double
}

/// One store to build: which clips or ambient recordings go in, with the hashes that make it skippable.
public struct StoreSpec: Sendable {
    public var set: String
    public var split: String
    public var splitFolder: String
    public var slideFrames: Int
    public var configHash: String
    public var sourceHash: String
    public var clips: [ClipJob] = []
    public var ambient: [AmbientJob] = []
    public var notes: [String] = []
    /// Relative path → content hash of every source, for store.json.
    public var sources: [(String, String)] = []

    public var name: String { self.set + "/" + split }
}

/// What to build (the reference's `plan_stores`): one spec per set and clip split, plus the two ambient
/// stores of background audio. Background material for mixing is split-aware (training clips mix training
/// backgrounds, evaluation clips held-out ones); ambient stores come from the validation and test
/// background files, or when either has none, from shares of the held-out files (or, with none at all,
/// of the training files: flagged in a note, as false accepts per hour then look better than they are).
public struct StorePlan: Sendable {
    /// Bump when a code change alters what stores contain, so existing stores are rebuilt.
    public static let version = 1

    public var specs: [StoreSpec]
    /// Background recordings in index order (sorted by relative path); jobs refer to them by index.
    public var backgrounds: [SourceFile]
    /// Background indexes per noise pool.
    public var pools: [NoisePool: [Int]]
    public var impulseResponses: [SourceFile]

    public init(settings: FeatureBuildSettings, sources: [SourceFile]) throws(Failure) {
        let backgrounds = sources.filter { $0.kind == .background }.sorted { $0.relativePath < $1.relativePath }
        let responses = sources.filter { $0.kind == .rir }.sorted { $0.relativePath < $1.relativePath }
        self.backgrounds = backgrounds
        impulseResponses = responses
        pools = Self.noisePools(backgrounds)
        let material = Self.sourcesDigest(backgrounds + responses)
        let frontend = FrontendParameters.device
        let clipFrames = frontend.frameCount(forSamples: ClipPlacement.clipSamples(seconds: settings.clipDurationSeconds))
        var specs: [StoreSpec] = []
        for set in FeatureStoreLayout.sets {
            for split in FeatureStoreLayout.clipSplits {
                let members = sources.filter { $0.kind.rawValue == set && $0.storeSplit == split }
                    .sorted { $0.relativePath < $1.relativePath }
                let slides = settings.slides(split)
                if slides > clipFrames / 2 {
                    throw Failure("features.slide_frames.\(split) = \(slides) leaves too little of a \(settings.clipDurationSeconds) s clip",
                                  hint: "lower it or lengthen features.clip_duration_s")
                }
                let repetitions = settings.repetitionCount(split)
                let settingsDigest = Self.digest(.object([
                    ("version", .integer(Self.version)), ("frontend", Self.frontendDescription),
                    ("clip_duration_s", .number(settings.clipDurationSeconds)),
                    ("word_end_offset_s", .array([.number(settings.wordEndOffsetSeconds.lowerBound), .number(settings.wordEndOffsetSeconds.upperBound)])),
                    ("augmentation", Self.describe(settings.augmentation)), ("seed", .integer(settings.seed)),
                    ("set", .string(set)), ("slide_frames", .integer(slides)), ("repetitions", .integer(repetitions)),
                ]))
                let pool: NoisePool = split == "training" ? .training : .heldOut
                var spec = StoreSpec(set: set, split: split,
                                     splitFolder: FeatureStoreLayout.splitFolder(work: settings.workDirectory, set: set, split: split),
                                     slideFrames: slides, configHash: settingsDigest,
                                     sourceHash: Self.sourcesDigest(members) + "-" + material)
                spec.clips = Self.clipJobs(set: set, members: members, backgrounds: backgrounds, repetitions: repetitions,
                                           pool: pool, clipSeconds: settings.clipDurationSeconds)
                spec.sources = members.map { ($0.relativePath, $0.contentHash) }
                specs.append(spec)
            }
        }
        let (ambient, notes) = Self.ambientJobs(backgrounds, fraction: settings.ambientFraction)
        for split in FeatureStoreLayout.ambientSplits {
            let jobs = ambient[split] ?? []
            let settingsDigest = Self.digest(.object([
                ("version", .integer(Self.version)), ("frontend", Self.frontendDescription),
                ("window_s", .number(settings.ambientWindowSeconds)),
                ("fraction", .array([.number(settings.ambientFraction.validation), .number(settings.ambientFraction.testing)])),
            ]))
            let jobDigest = Self.digest(.array(jobs.map { .array([.integer($0.backgroundIndex), .number($0.start), .number($0.stop)]) }))
            var spec = StoreSpec(set: "background", split: split,
                                 splitFolder: FeatureStoreLayout.splitFolder(work: settings.workDirectory, set: "background", split: split),
                                 slideFrames: 1, configHash: settingsDigest,
                                 sourceHash: Self.sourcesDigest(backgrounds) + "-" + jobDigest)
            spec.ambient = jobs
            spec.notes = notes
            var seen = Set<String>()
            for job in jobs where seen.insert(backgrounds[job.backgroundIndex].relativePath).inserted {
                spec.sources.append((backgrounds[job.backgroundIndex].relativePath, backgrounds[job.backgroundIndex].contentHash))
            }
            specs.append(spec)
        }
        self.specs = specs
    }

    /// Background indexes per pool; a pool without files of its own uses all of them.
    static func noisePools(_ backgrounds: [SourceFile]) -> [NoisePool: [Int]] {
        let all = Array(backgrounds.indices)
        let training = backgrounds.indices.filter { backgrounds[$0].storeSplit == "training" }
        let heldOut = backgrounds.indices.filter { backgrounds[$0].storeSplit != "training" }
        return [.training: training.isEmpty ? all : training, .heldOut: heldOut.isEmpty ? all : heldOut]
    }

    /// Ambient jobs per ambient split, and a warning when they had to come from training audio.
    static func ambientJobs(_ backgrounds: [SourceFile], fraction: (validation: Double, testing: Double))
        -> ([String: [AmbientJob]], [String])
    {
        let validation = backgrounds.indices.filter { backgrounds[$0].storeSplit == "validation" }
        let testing = backgrounds.indices.filter { backgrounds[$0].storeSplit == "testing" }
        if !validation.isEmpty, !testing.isEmpty {
            return (["validation_ambient": validation.map { AmbientJob(backgroundIndex: $0, start: 0, stop: 1) },
                     "testing_ambient": testing.map { AmbientJob(backgroundIndex: $0, start: 0, stop: 1) }], [])
        }
        var pool = validation + testing
        var notes: [String] = []
        if pool.isEmpty {
            pool = Array(backgrounds.indices)
            if !pool.isEmpty {
                notes.append("no background file in the validation/test splits: ambient stores are cut from training background "
                    + "audio, so false accepts per hour will look better than they are; add more background files")
            }
        }
        return (["validation_ambient": pool.map { AmbientJob(backgroundIndex: $0, start: 0, stop: min(1, fraction.validation)) },
                 "testing_ambient": pool.map { AmbientJob(backgroundIndex: $0, start: max(0, 1 - fraction.testing), stop: 1) }], notes)
    }

    static func clipJobs(set: String, members: [SourceFile], backgrounds: [SourceFile], repetitions: Int, pool: NoisePool,
                         clipSeconds: Double) -> [ClipJob]
    {
        var jobs: [ClipJob] = []
        let index = Dictionary(backgrounds.enumerated().map { ($1.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        for source in members {
            if set == "background" {
                // Random crops covering the recording about once per repetition.
                let crops = max(1, Int(source.durationSeconds / clipSeconds))
                for crop in 0 ..< crops {
                    let key = ClipSeed.key(relativePath: source.relativePath + "#\(crop)")
                    for repetition in 0 ..< repetitions {
                        jobs.append(ClipJob(source: source, placement: .random, key: key, repetition: repetition, noisePool: pool,
                                            backgroundIndex: index[source.relativePath]))
                    }
                }
            } else {
                let key = ClipSeed.key(relativePath: source.relativePath)
                for repetition in 0 ..< repetitions {
                    jobs.append(ClipJob(source: source, placement: set == "positive" ? .positive : .random, key: key,
                                        repetition: repetition, noisePool: pool))
                }
            }
        }
        return jobs
    }

    /// Hash of the files a store is built from (path, content hash, split), independent of listing order.
    static func sourcesDigest(_ files: [SourceFile]) -> String {
        let text = files.sorted { $0.relativePath < $1.relativePath }
            .map { "\($0.relativePath)\u{0}\($0.contentHash)\u{0}\($0.split.rawValue)\n" }.joined()
        return BLAKE2b.hexDigest(text, digestLength: 8)
    }

    static func digest(_ value: JSONValue) -> String {
        BLAKE2b.hexDigest(value.serialized(), digestLength: 8)
    }

    static var frontendDescription: JSONValue {
        let device = FrontendParameters.device
        return .array([.integer(device.sampleRate), .integer(device.windowMilliseconds), .integer(device.stepMilliseconds),
                       .integer(device.channelCount), "swift-bit-exact"])
    }

    static func describe(_ settings: AugmentationSettings) -> JSONValue {
        func range(_ r: ClosedRange<Double>) -> JSONValue { .array([.number(r.lowerBound), .number(r.upperBound)]) }
        return .object([
            ("seven_band_eq", .number(settings.sevenBandEQ)), ("tanh_distortion", .number(settings.tanhDistortion)),
            ("pitch_shift", .number(settings.pitchShift)), ("band_stop", .number(settings.bandStop)),
            ("color_noise", .number(settings.colorNoise)), ("background_noise", .number(settings.backgroundNoise)),
            ("background_snr_db", range(settings.backgroundSNRDecibels)), ("gain", .number(settings.gain)),
            ("gain_db", range(settings.gainDecibels)), ("rir", .number(settings.rir)),
            ("color_noise_snr_db", range(settings.colorNoiseSNRDecibels)), ("pitch_semitones", range(settings.pitchSemitones)),
        ])
    }
}
