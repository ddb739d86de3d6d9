import Dataset
import Features
import Foundation
import Frontend
import Support
import TestSupport
import Testing

@Suite struct FeatureBuilderTests {
    @Test func buildsEveryStoreWithTheExpectedShapes() throws {
        let folder = TemporaryDirectory("build")
        let sources = try TinyDataset.make(in: folder.appending("dataset"))
        let settings = TinyDataset.settings(work: folder.appending("work").path)
        var builder = FeatureBuilder(settings: settings)
        builder.showProgress = false
        let summary = try builder.build(sources: sources)
        #expect(summary.built.count == 11 && summary.skipped.isEmpty)
        let clipFrames = FrontendParameters.device.frameCount(forSamples: 24000)
        let work = settings.workDirectory
        // Two training positives × 2 repetitions × 3 slides, each 3 − 1 frames shorter than a clip.
        let positives = try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: "positive", split: "training"))
        #expect(positives.count == 12)
        #expect(positives.shapes.allSatisfy { $0 == [clipFrames - 2, 40] })
        let validation = try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: "positive", split: "validation"))
        #expect(validation.count == 1 && validation.shapes[0] == [clipFrames, 40])
        // The 6 s training background: 4 crops × 2 repetitions × 3 slides.
        #expect(try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: "background", split: "training")).count == 24)
        // Ambient: 6 s recordings in 2 s windows of 200 frames (the last one 198: 96000 samples give 598 frames).
        let ambient = try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: "background", split: "validation_ambient"))
        #expect(ambient.shapes.map { $0[0] } == [200, 200, 198])
        let info = try #require(FeatureStore.info(splitFolder: FeatureStoreLayout.splitFolder(work: work, set: "background", split: "validation_ambient")))
        #expect(abs((info["hours"]?.doubleValue ?? 0) - 598.0 / 360_000) < 1e-9)
        #expect(info["count"]?.integerValue == 3 && info["dtype"]?.stringValue == "uint16")

        // Nothing changed: everything is skipped.
        let again = try builder.build(sources: sources)
        #expect(again.built.isEmpty && again.skipped.count == 11)

        // One positive changes: only the positive stores of its split are rebuilt.
        var changed = sources
        let index = try #require(changed.firstIndex { $0.relativePath == "positive/p0.wav" })
        changed[index].contentHash = "different"
        let partial = try builder.build(sources: changed)
        #expect(partial.built == ["positive/training"])
    }

    @Test func storesAreTheSameForAnyNumberOfWorkers() throws {
        let folder = TemporaryDirectory("build")
        let sources = try TinyDataset.make(in: folder.appending("dataset"))
        var trees: [[String: Data]] = []
        for workers in [1, 3] {
            var settings = TinyDataset.settings(work: folder.appending("work\(workers)").path)
            settings.workers = workers
            var builder = FeatureBuilder(settings: settings)
            builder.showProgress = false
            _ = try builder.build(sources: sources)
            trees.append(tree(settings.workDirectory))
        }
        #expect(trees[0].count > 30)
        #expect(trees[0] == trees[1])
    }

    @Test func positiveWordEndsAtTheAlignedFrame() throws {
        let folder = TemporaryDirectory("build")
        let sources = try TinyDataset.make(in: folder.appending("dataset"))
        var settings = TinyDataset.settings(work: folder.path)
        settings.clipDurationSeconds = 3.2
        settings.wordEndOffsetSeconds = 0.2 ... 0.2
        settings.augmentation = .none
        let material = BuildMaterial(settings: settings, backgrounds: [], impulseResponses: [], pools: [:])
        let positive = try #require(sources.first { $0.kind == .positive })
        let job = ClipJob(source: positive, placement: .positive, key: 7, repetition: 0, noisePool: .training)
        let spectrogram = try ClipRenderer(material: material).render(job)
        #expect(spectrogram.frameCount == 318)
        // The word ends 3200 samples (20 steps) before the clip end: its last frame is 18 frames from the
        // end (19 when the 10 ms end detection rounds up); silence afterwards gives all-zero frames.
        let lastLoud = try #require((0 ..< spectrogram.frameCount).last { frame in spectrogram[frame: frame].contains { $0 > 0 } })
        #expect((18 ... 19).contains(spectrogram.frameCount - 1 - lastLoud))
    }

    @Test func refusesADatasetWithoutPositives() throws {
        let folder = TemporaryDirectory("build")
        let sources = try TinyDataset.make(in: folder.appending("dataset")).filter { $0.kind != .positive }
        #expect(throws: Failure.self) { try FeatureBuilder(settings: TinyDataset.settings(work: folder.path)).build(sources: sources) }
    }
}
