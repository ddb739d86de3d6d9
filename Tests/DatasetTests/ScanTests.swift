import Config
@testable import Dataset
import Foundation
import Support
import Testing

@Suite struct ScanTests {
    func settings(_ dataset: TestDataset) -> DatasetConfig {
        var settings = DatasetConfig()
        settings.root = dataset.root.path
        return settings
    }

    @Test func findsAudioInSubfoldersAndReportsOtherFiles() throws {
        let dataset = try TestDataset()
        try TestAudio.writeWAV(dataset.url("positive/spk1/b.WAV"), TestAudio.tone(seconds: 1))
        try TestAudio.writeFLAC(dataset.url("positive/spk1/a.flac"), TestAudio.tone(seconds: 1))
        try TestAudio.write(Data("notes".utf8), to: dataset.url("positive/notes.txt"))
        try TestAudio.write(Data("x".utf8), to: dataset.url("positive/.hidden.wav"))
        try TestAudio.writeWAV(dataset.url("positive/.hidden/c.wav"), TestAudio.tone(seconds: 1))
        try FileManager.default.removeItem(at: dataset.url("rir"))
        let scan = try DatasetScanner.scan(settings(dataset))
        #expect(scan.records.map(\.relativePath) == ["positive/good.wav", "positive/spk1/a.flac", "positive/spk1/b.WAV", "negative/good.wav"])
        #expect(scan.ignored == ["positive/notes.txt"])
        #expect(scan.missingKinds == [.rir])
        let flac = try #require(scan.records.first { $0.relativePath.hasSuffix(".flac") })
        #expect(flac.isDeviceFormat && flac.frames == 16000 && flac.sampleFormat == "PCM_16")
        #expect(flac.contentHash == BLAKE2b.hex(BLAKE2b.hash(try Data(contentsOf: dataset.url("positive/spk1/a.flac")), digestLength: 16)))
    }

    @Test func unchangedFilesComeFromTheCacheAndChangedOnesAreHashedAgain() throws {
        let dataset = try TestDataset()
        let first = try DatasetScanner.scan(settings(dataset))
        #expect(first.cache.misses == 2 && first.cache.hits == 0)
        let cachePath = dataset.root.path + "/.wakesmith-cache/files.json"
        #expect(FileManager.default.fileExists(atPath: cachePath))
        let second = try DatasetScanner.scan(settings(dataset))
        #expect(second.cache.hits == 2 && second.cache.misses == 0)
        #expect(second.records == first.records)

        try TestAudio.writeWAV(dataset.url("positive/good.wav"), TestAudio.tone(seconds: 1.5))
        try FileManager.default.removeItem(at: dataset.url("negative/good.wav"))
        let third = try DatasetScanner.scan(settings(dataset))
        #expect(third.cache.misses == 1 && third.cache.hits == 0)
        #expect(third.records.first?.frames == 24000)
        #expect(ScanCache(datasetRoot: dataset.root.path).entries.keys.sorted() == ["positive/good.wav"])
    }

    @Test func aCorruptOrUnwritableCacheOnlyCostsTime() throws {
        let dataset = try TestDataset()
        try TestAudio.write(Data("{not json".utf8), to: dataset.url(".wakesmith-cache/files.json"))
        let scan = try DatasetScanner.scan(settings(dataset))
        #expect(scan.records.count == 2 && scan.cache.misses == 2)
        #expect(ScanCache(datasetRoot: dataset.root.path).entries.count == 2)  // rewritten
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: dataset.url(".wakesmith-cache").path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataset.url(".wakesmith-cache").path) }
        try TestAudio.writeWAV(dataset.url("positive/new.wav"), TestAudio.tone(seconds: 1))
        #expect(try DatasetScanner.scan(settings(dataset)).records.count == 3)
    }

    @Test func aBadGroupPatternIsAUserError() throws {
        let dataset = try TestDataset()
        var settings = settings(dataset)
        settings.groupPattern = "(?<=x)(a)"
        #expect(throws: DatasetError.self) { try DatasetScanner.scan(settings) }
    }
}
