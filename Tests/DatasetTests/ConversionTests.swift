import AudioIO
import Config
@testable import Dataset
import Foundation
import TestSupport
import Testing

@Suite struct ConversionTests {
    @Test func aCopyIsInDeviceFormatAndTheOriginalIsUntouched() throws {
        let dataset = try TestDataset()
        let stereo = TestAudio.tone(seconds: 1, rate: 44100).flatMap { [$0, $0 * 0.5] }
        let url = try TestAudio.writeWAV(dataset.url("positive/stereo44.wav"), stereo, rate: 44100, channels: 2)
        let original = try Data(contentsOf: url)
        var settings = DatasetConfig()
        settings.root = dataset.root.path
        let record = try #require(try DatasetScanner.scan(settings).records.first { $0.relativePath == "positive/stereo44.wav" })
        #expect(!ConvertedCopy.exists(for: record, datasetRoot: dataset.root.path))
        let copy = try ConvertedCopy.make(for: record, datasetRoot: dataset.root.path)
        #expect(copy == dataset.root.path + "/.wakesmith-cache/converted/positive/stereo44.wav.wav")
        #expect(try Data(contentsOf: url) == original)
        let info = try AudioFile.info(path: copy)
        #expect(info.isDeviceFormat)
        #expect(abs(info.frames - 16000) <= 1)
        #expect(ConvertedCopy.exists(for: record, datasetRoot: dataset.root.path))
        // The 440 Hz tone survives, at 0.75 of its amplitude (the mean of the two channels).
        let samples = try AudioFile.readMonoFloat(path: copy).samples
        #expect(TestSignals.dominantFrequency(Array(samples[4000 ..< 8000]), sampleRate: 16000, candidates: stride(from: 400, through: 480, by: 10)) == 440)
        let peak = samples[1000 ..< 15000].map { abs($0) }.max() ?? 0
        #expect(abs(peak - 0.225) < 0.02)
        // A changed original makes the copy stale.
        try TestAudio.writeWAV(url, stereo.map { $0 * 0.5 }, rate: 44100, channels: 2)
        let changed = try #require(try DatasetScanner.scan(settings).records.first { $0.relativePath == "positive/stereo44.wav" })
        #expect(!ConvertedCopy.exists(for: changed, datasetRoot: dataset.root.path))
    }
}
