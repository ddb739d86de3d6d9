#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import Frontend
import Support
import Synchronization

/// What a build did.
public struct BuildSummary: Sendable {
    public var built: [String] = []
    public var skipped: [String] = []
    /// Augmented clips rendered in this run (resumed chunks are not counted again).
    public var clips = 0
    public var seconds = 0.0
    public var workers = 1
    public var notes: [String] = []

    /// Clips per second of wall-clock time.
    public var clipsPerSecond: Double { seconds > 0 ? Double(clips) / seconds : 0 }
}

/// Builds every feature store that is out of date (SPEC §4): plans the stores, skips those whose settings
/// and sources are unchanged, renders the missing chunks of the others on worker threads (one ordered
/// stream of clips over all stores, so workers never idle at a store boundary), saves each finished chunk
/// as a shard, and assembles each store atomically from its shards. A killed run resumes from its shards;
/// the stores are identical for any number of workers and any interruption.
public struct FeatureBuilder {
    /// Clips per resumable shard.
    public static let chunkClips = 256

    public var settings: FeatureBuildSettings
    /// Rebuild even stores that are current.
    public var force = false
    /// Show a progress bar on standard error.
    public var showProgress = true

    public init(settings: FeatureBuildSettings) {
        self.settings = settings
    }

    /// Worker threads for a setting of 0 (one per core).
    public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    public func build(sources: [SourceFile]) throws -> BuildSummary {
        let started = DispatchTime.now().uptimeNanoseconds
        for kind in ["positive", "negative"] where !sources.contains(where: { $0.kind.rawValue == kind }) {
            throw Failure("no \(kind) audio in the dataset", hint: "add WAV/FLAC files under dataset/\(kind) or run `wakesmith synth` (see `wakesmith validate`)")
        }
        FeatureStoreLayout.removeLeftovers(work: settings.workDirectory)
        let plan = try StorePlan(settings: settings, sources: sources)
        var summary = BuildSummary()
        summary.workers = settings.workers > 0 ? settings.workers : Self.defaultWorkers
        var todo: [StoreSpec] = []
        for spec in plan.specs {
            if !force, FeatureStore.isCurrent(splitFolder: spec.splitFolder, configHash: spec.configHash, sourceHash: spec.sourceHash) {
                summary.skipped.append(spec.name)
                try? FileManager.default.removeItem(atPath: FeatureStoreLayout.shardFolder(spec.splitFolder))
            } else {
                todo.append(spec)
                for note in spec.notes where !summary.notes.contains(note) { summary.notes.append(note) }
            }
        }
        guard !todo.isEmpty else { return summary }
        let material = try BuildMaterial(settings: settings, plan: plan)

        // Every missing chunk's work, in store and chunk order.
        var shardSets: [ShardSet] = []
        var tasks: [(store: Int, chunk: Int, item: Int)] = []
        var chunkSizes: [[Int]] = []
        for (store, spec) in todo.enumerated() {
            let sizes = spec.clips.isEmpty ? spec.ambient.map { _ in 1 }
                : stride(from: 0, to: spec.clips.count, by: Self.chunkClips).map { min(Self.chunkClips, spec.clips.count - $0) }
            chunkSizes.append(sizes)
            let shards = try ShardSet(splitFolder: spec.splitFolder, configHash: spec.configHash, sourceHash: spec.sourceHash,
                                      chunkCount: sizes.count, fresh: force)
            shardSets.append(shards)
            for chunk in shards.missing() {
                for item in 0 ..< sizes[chunk] { tasks.append((store, chunk, item)) }
            }
        }
        let results = ChunkResults(sizes: chunkSizes)
        let (work, stores, shardFiles) = (tasks, todo, shardSets)
        let progress = ProgressBar(label: "features", total: tasks.count, unit: "clips", enabled: showProgress)
        let rendered = Atomic<Int>(0)
        try WorkerPool.run(workers: summary.workers, count: tasks.count, makeContext: { ClipRenderer(material: material) },
                           shouldStop: { Interrupt.isRequested }) { renderer, index in
            let (store, chunk, item) = work[index]
            let spec = stores[store]
            let spectrograms: [Spectrogram]
            if spec.clips.isEmpty {
                spectrograms = renderer.render(spec.ambient[chunk])
            } else {
                let job = spec.clips[chunk * Self.chunkClips + item]
                do { spectrograms = [try renderer.render(job)] } catch let error as UserFacingError {
                    throw Failure("\(job.source.relativePath): \(error.message)", hint: error.hint)
                }
                rendered.add(1, ordering: .relaxed)
            }
            if let complete = results.store(spectrograms, store: store, chunk: chunk, item: item) {
                try shardFiles[store].write(chunk, complete)
            }
            progress.advance()
        }
        progress.finish()
        try Interrupt.check()
        summary.clips = rendered.load(ordering: .relaxed)

        for (store, spec) in todo.enumerated() {
            try assemble(spec, shards: shardSets[store])
            summary.built.append(spec.name)
        }
        summary.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return summary
    }

    /// Writes a store from its shards (slides cut here) and swaps it into place, then drops the shards.
    private func assemble(_ spec: StoreSpec, shards: ShardSet) throws {
        let writer = try FeatureStoreWriter(splitFolder: spec.splitFolder)
        for chunk in 0 ..< shards.chunkCount {
            for spectrogram in try shards.read(chunk) {
                for item in spec.clips.isEmpty ? [spectrogram] : Slides.of(spectrogram, count: spec.slideFrames) {
                    try writer.append(item)
                }
            }
        }
        var fields: [(key: String, value: JSONValue)] = [
            ("set", .string(spec.set)), ("split", .string(spec.split)),
            ("config_hash", .string(spec.configHash)), ("source_hash", .string(spec.sourceHash)),
            ("sources", .object(spec.sources.map { (key: $0.0, value: JSONValue.string($0.1)) })),
            ("slide_frames", .integer(spec.slideFrames)), ("clips", .integer(spec.clips.count)),
            ("source_files", .integer(spec.sources.count)), ("notes", .array(spec.notes.map { .string($0) })),
        ]
        if !spec.ambient.isEmpty {
            let stepSeconds = Double(FrontendParameters.device.stepMilliseconds) / 1000
            fields.append(("hours", .number(Double(writer.totalFrames) * stepSeconds / 3600)))
        }
        try writer.commit(fields)
        shards.discard()
    }
}

/// Spectrograms of the chunks being rendered, collected from several threads; hands back a chunk's items
/// in order when its last one arrives.
final class ChunkResults: Sendable {
    private let slots: Mutex<[[[[Spectrogram]]?]]>
    private let remaining: Mutex<[[Int]]>

    init(sizes: [[Int]]) {
        slots = Mutex(sizes.map { $0.map { _ in nil } })
        remaining = Mutex(sizes)
    }

    /// Stores one item's spectrograms; returns the whole chunk (flattened, in item order) when complete.
    func store(_ spectrograms: [Spectrogram], store: Int, chunk: Int, item: Int) -> [Spectrogram]? {
        slots.withLock { slots in
            if slots[store][chunk] == nil {
                slots[store][chunk] = Array(repeating: [], count: remaining.withLock { $0[store][chunk] })
            }
            slots[store][chunk]![item] = spectrograms
            let left = remaining.withLock { counts -> Int in
                counts[store][chunk] -= 1
                return counts[store][chunk]
            }
            guard left == 0 else { return nil }
            let complete = slots[store][chunk]!.flatMap { $0 }
            slots[store][chunk] = nil
            return complete
        }
    }
}
