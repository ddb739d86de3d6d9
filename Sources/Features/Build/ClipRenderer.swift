import AudioIO
import DSP
import Frontend
import Support

/// What every worker shares: the loaded background recordings and impulse responses and the augmentation
/// chain of each noise pool. Loaded once per build, never per clip.
public struct BuildMaterial: Sendable {
    public var settings: FeatureBuildSettings
    /// Background recordings in the plan's index order.
    public var backgrounds: [[Int16]]
    public var chains: [NoisePool: AugmentationChain]

    public init(settings: FeatureBuildSettings, backgrounds: [[Int16]], impulseResponses: [[Float]], pools: [NoisePool: [Int]]) {
        self.settings = settings
        self.backgrounds = backgrounds
        var chains: [NoisePool: AugmentationChain] = [:]
        for pool in NoisePool.allCases {
            let sounds = (pools[pool] ?? []).map { backgrounds[$0] }
            chains[pool] = AugmentationChain(settings: settings.augmentation, backgrounds: sounds, impulseResponses: impulseResponses)
        }
        self.chains = chains
    }

    /// Reads the plan's backgrounds and impulse responses.
    public init(settings: FeatureBuildSettings, plan: StorePlan) throws(AudioError) {
        var backgrounds: [[Int16]] = []
        for file in plan.backgrounds { backgrounds.append(try file.readSamples()) }
        var responses: [[Float]] = []
        for file in plan.impulseResponses { responses.append(PCM.float(from: try file.readSamples())) }
        self.init(settings: settings, backgrounds: backgrounds, impulseResponses: responses, pools: plan.pools)
    }
}

/// One worker's renderer: source → placed clip → augmentation → device frontend. Holds the worker's
/// frontend and augmentation workspace (FFT plans, convolvers), reused from clip to clip.
///
/// A `final class` because it owns per-thread mutable state; one per worker thread.
public final class ClipRenderer {
    public let material: BuildMaterial
    private let frontend = MicroFrontend()
    private let workspace = AugmentationWorkspace()
    private var cachedSource: (path: String, samples: [Int16])?

    public init(material: BuildMaterial) {
        self.material = material
    }

    /// The full-clip spectrogram of one job; depends only on (seed, key, repetition) and the material.
    public func render(_ job: ClipJob) throws -> Spectrogram {
        let settings = material.settings
        let clipSeed = ClipSeed.seed(run: settings.seed, key: job.key, repetition: job.repetition)
        var placement = ClipSeed.placementGenerator(clipSeed: clipSeed)
        let source: [Int16]
        if let index = job.backgroundIndex {
            source = material.backgrounds[index]
        } else if let cached = cachedSource, cached.path == job.source.path {
            source = cached.samples
        } else {
            source = try job.source.readSamples()
            cachedSource = (job.source.path, source)
        }
        let length = ClipPlacement.clipSamples(seconds: settings.clipDurationSeconds)
        let clip: [Int16]
        switch job.placement {
        case .positive:
            let offsets = settings.wordEndOffsetSeconds
            let offset = placement.uniform(offsets.lowerBound, offsets.upperBound)
            clip = ClipPlacement.placePositive(source, length: length, endOffsetSeconds: offset)
        case .random:
            clip = ClipPlacement.placeRandomly(source, length: length, using: &placement)
        }
        var audio = PCM.float(from: clip)
        try material.chains[job.noisePool]?.apply(to: &audio, clipSeed: clipSeed, workspace: workspace)
        return frontend.spectrogram(of: PCM.int16(from: audio))
    }

    /// Consecutive ambient windows of one background recording's [start, stop) share, not augmented: the
    /// recording runs through one frontend, as a device listening continuously would.
    public func render(_ job: AmbientJob) -> [Spectrogram] {
        let audio = material.backgrounds[job.backgroundIndex]
        let begin = Int(job.start * Double(audio.count)), end = Int(job.stop * Double(audio.count))
        let spectrogram = audio[begin ..< end].withUnsafeBufferPointer { frontend.spectrogram(of: $0) }
        return AmbientWindows.of(spectrogram, windowSeconds: material.settings.ambientWindowSeconds)
    }
}
