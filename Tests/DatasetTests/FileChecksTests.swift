import AudioIO
import Config
@testable import Dataset
import Foundation
import Testing

/// Scans `dataset` and checks every file: relative path → problem messages.
func problemsByFile(_ dataset: TestDataset, _ configure: (inout DatasetConfig) -> Void = { _ in }) throws -> [String: [String]] {
    var settings = DatasetConfig()
    settings.root = dataset.root.path
    configure(&settings)
    let scan = try DatasetScanner.scan(settings)
    var result: [String: [String]] = [:]
    for record in scan.records {
        result[record.relativePath] = FileChecks.problems(record, settings: settings, knownStats: nil).problems.map(\.message)
    }
    return result
}

@Suite struct FileChecksTests {
    @Test func goodFilesHaveNoProblems() throws {
        let dataset = try TestDataset()
        #expect(try problemsByFile(dataset) == ["positive/good.wav": [], "negative/good.wav": []])
    }

    @Test func eachBadFileHasItsOwnMessage() throws {
        let dataset = try TestDataset()
        for bad in BadFile.all { try bad.make(dataset.url("positive/" + bad.name)) }
        let found = try problemsByFile(dataset)
        for bad in BadFile.all {
            let messages = found["positive/" + bad.name] ?? []
            #expect(messages.contains { $0.contains(bad.expected) }, "\(bad.name): \(messages)")
        }
        // Format problems are reported alone when the content is fine: each message names one issue.
        #expect(found["positive/stereo.wav"] == ["not mono: 2 channels"])
        #expect(found["positive/rate.wav"] == ["wrong sample rate: 44100 Hz (needs 16000)"])
        #expect(found["positive/float.wav"] == ["not 16-bit PCM: FLOAT"])
        #expect(found["positive/cut.wav"] == ["truncated: header says 16000 frames, the file holds 8000"])
        #expect(found["positive/good.wav"] == [])
    }

    @Test func limitsDependOnTheKind() throws {
        let dataset = try TestDataset()
        try TestAudio.writeWAV(dataset.url("negative/six.wav"), TestAudio.tone(seconds: 6))  // too long for a positive
        try TestAudio.writeWAV(dataset.url("background/short.wav"), TestAudio.tone(seconds: 0.5))  // background needs >= 1 s
        let found = try problemsByFile(dataset)
        #expect(found["negative/six.wav"] == [])
        #expect(found["background/short.wav"] == ["too short: 0.50 s (background needs >= 1 s)"])
    }

    @Test func thresholdsComeFromTheConfiguration() throws {
        let dataset = try TestDataset()
        try TestAudio.writeWAV(dataset.url("positive/quietish.wav"), TestAudio.tone(seconds: 1, amplitude: 0.01))  // about -40 dBFS
        #expect(try problemsByFile(dataset)["positive/quietish.wav"] == [])
        let strict = try problemsByFile(dataset) { $0.silenceDBFS = -20 }
        #expect(strict["positive/quietish.wav"]?.first?.hasPrefix("silent: peak -") == true)
        #expect(strict["positive/quietish.wav"]?.first?.hasSuffix("dBFS (below -20 dBFS)") == true)

        var samples = TestAudio.tone(seconds: 1)
        for index in 0 ..< 50 { samples[index] = 1 }  // 0.3 % of the samples at full scale
        try TestAudio.writeWAV(dataset.url("positive/few.wav"), samples)
        #expect(try problemsByFile(dataset)["positive/few.wav"] == [])
        let clipping = try problemsByFile(dataset) { $0.clippingFraction = 0.001 }
        #expect(clipping["positive/few.wav"] == ["clipped: 0.3% of samples at full scale (limit 0.1%)"])
    }

    @Test(arguments: [7, 1000, 1 << 16])
    func contentStatsAreStreamedInBlocks(block: Int) throws {
        let dataset = try TestDataset(goodFiles: false)
        let mono = TestAudio.tone(seconds: 2)
        var stereo = mono.flatMap { [$0, $0] }
        stereo[12345 * 2 + 1] = 1
        let url = try TestAudio.writeWAV(dataset.url("s.wav"), stereo, channels: 2)
        let stats = try ContentStats(path: url.path, blockFrames: block)
        #expect(stats.framesRead == mono.count)
        #expect(abs(stats.peak - 1) < 1e-4)
        #expect(abs(stats.clippedFraction - 1 / Double(stereo.count)) < 1e-12)
    }

    @Test func wavLengthsTellACutFileFromAWholeOne() throws {
        let dataset = try TestDataset(goodFiles: false)
        let url = try TestAudio.writeWAV(dataset.url("a.wav"), TestAudio.tone(seconds: 1))
        #expect(WAVDataLength.of(path: url.path) == WAVDataLength(declaredFrames: 16000, presentFrames: 16000))
        try TestAudio.cut(url, to: 44 + 1001)
        #expect(WAVDataLength.of(path: url.path) == WAVDataLength(declaredFrames: 16000, presentFrames: 500))
        let flac = try TestAudio.writeFLAC(dataset.url("b.flac"), TestAudio.tone(seconds: 1))
        #expect(WAVDataLength.of(path: flac.path) == nil)
    }
}
