import AudioIO
import Config
@testable import Dataset
import Foundation
import Support
import TestSupport
import Testing

/// The Swift data stage against the Python reference's answers, kept in Fixtures/python_*.json
/// (scripts/fixtures/make_python_parity_fixtures.py): a generated tree found, described, hashed and put in
/// the same splits, the reference's hash cache reused, split assignment of many names under several group
/// patterns, and a converted copy.
@Suite struct DatasetPythonParityTests {
    static func fixture(_ name: String) throws -> JSONValue {
        try JSONValue(parsing: [UInt8](try Data(contentsOf: Repository.fixture("DatasetTests", name))))
    }

    /// Files whose bytes come from libsndfile's FLAC encoder, so their hash follows the library's version.
    static let encoderWritten: Set<String> = ["rir/room.flac", "positive/bad/cut.flac"]

    /// The tree the reference scanned: groups, sub-folders, odd names, every bad kind and files that are not
    /// audio, under the four kind folders with one good file in each required kind (as `TestDataset` makes).
    static func writeTree(at root: URL) throws {
        func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
        for kind in ["positive", "negative", "background", "rir"] {
            try FileManager.default.createDirectory(at: url(kind), withIntermediateDirectories: true)
        }
        try TestAudio.writeWAV(url("positive/good.wav"), TestAudio.tone(seconds: 1))
        try TestAudio.writeWAV(url("negative/good.wav"), TestAudio.tone(seconds: 2, seed: 1))
        for voice in 0 ..< 12 {
            for take in 0 ..< 3 {
                let kind = voice % 3 == 0 ? "negative" : "positive"
                try TestAudio.writeWAV(url("\(kind)/v\(voice % 4)/espeak-voice\(voice)__\(take).wav"),
                                       TestAudio.tone(seconds: 0.5 + Double(take) * 0.1, seed: UInt64(voice * 3 + take)))
            }
        }
        try TestAudio.writeWAV(url("positive/Zürich ünïcode__1.wav"), TestAudio.tone(seconds: 0.6))
        try TestAudio.writeWAV(url("positive/UPPER.WAV"), TestAudio.tone(seconds: 0.7))
        try TestAudio.writeWAV(url("background/noise.wav"), TestAudio.tone(seconds: 2))
        try TestAudio.writeFLAC(url("rir/room.flac"), TestAudio.tone(seconds: 0.2))
        try TestAudio.write(Data("notes".utf8), to: url("negative/readme.txt"))
        for bad in BadFile.all { try bad.make(url("positive/bad/" + bad.name)) }
    }

    /// Not a check: writes the tree for the fixture script (`WAKESMITH_PARITY_TREE=<folder>`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WAKESMITH_PARITY_TREE"] != nil,
                   "only for scripts/fixtures/make_python_parity_fixtures.py"))
    func writesTheParityTree() throws {
        try Self.writeTree(at: URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["WAKESMITH_PARITY_TREE"])))
    }

    func settings(root: URL, fixture: JSONValue) throws -> DatasetConfig {
        let ratios = (fixture["ratios"]?.arrayValue ?? []).compactMap(\.doubleValue)
        try #require(ratios.count == 3)
        var settings = DatasetConfig()
        settings.root = root.path
        settings.groupPattern = try #require(fixture["group_pattern"]?.stringValue)
        settings.splits = SplitRatios(train: ratios[0], validation: ratios[1], test: ratios[2])
        return settings
    }

    @Test func scanAgreesWithTheReference() throws {
        let fixture = try Self.fixture("python_scan.json")
        let folder = TemporaryDirectory("dataset-parity")
        let root = folder.appending("dataset")
        try Self.writeTree(at: root)
        let swift = try DatasetScanner.scan(try settings(root: root, fixture: fixture), saveCache: false)
        let expected = try #require(fixture["records"]?.arrayValue)
        #expect(swift.records.map(\.relativePath) == expected.map { $0.arrayValue?.first?.stringValue ?? "" })
        for (record, row) in zip(swift.records, expected) {
            var values = try #require(row.arrayValue)
            var mine: [JSONValue] = [.string(record.relativePath), .string(record.kind.rawValue), .integer(record.frames),
                                     .integer(record.sampleRate), .integer(record.channels), .string(record.sampleFormat),
                                     .string(record.contentHash), .string(record.split?.rawValue ?? ""), .bool(record.isReadable)]
            if Self.encoderWritten.contains(record.relativePath) { (mine[6], values[6]) = (.null, .null) }
            #expect(JSONValue.array(mine) == .array(values), "\(record.relativePath)")
        }
        #expect(fixture["ignored"] == .array(swift.ignored.map { .string($0) }))
    }

    /// Swift answers from the hash cache the reference wrote: every entry of an unchanged file is a hit.
    @Test func theReferenceCacheIsReused() throws {
        let fixture = try Self.fixture("python_scan.json")
        let folder = TemporaryDirectory("dataset-parity-cache")
        let root = folder.appending("dataset")
        try Self.writeTree(at: root)
        guard case let .object(entries)? = fixture["cache"]?["entries"] else {
            Issue.record("python_scan.json has no cache entries")
            return
        }
        // The reference's entries with this tree's modification times (left out of the fixture).
        var written: [(key: String, value: JSONValue)] = []
        for (relative, entry) in entries where !Self.encoderWritten.contains(relative) {
            guard case let .object(fields) = entry,
                  case let .success(status) = FileStatus.of(root.appendingPathComponent(relative).path)
            else { continue }
            written.append((relative, .object(fields + [(key: "mtime_ns", value: .integer(status.modificationNanoseconds))])))
        }
        #expect(written.count >= 40)
        let cacheFolder = root.appendingPathComponent(DatasetLayout.cacheFolderName)
        try FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true)
        let document: JSONValue = ["version": .integer(fixture["cache"]?["version"]?.integerValue ?? -1), "entries": .object(written)]
        try Data(document.serialized().utf8).write(to: cacheFolder.appendingPathComponent("files.json"))
        let scan = try DatasetScanner.scan(try settings(root: root, fixture: fixture), saveCache: false)
        let hashed = scan.records.filter { !$0.contentHash.isEmpty }.count
        #expect(scan.cache.hits == written.count)
        #expect(scan.cache.misses == hashed - written.count)
        for record in scan.records where !Self.encoderWritten.contains(record.relativePath) {
            #expect(record.contentHash == (entries.first { $0.key == record.relativePath }?.value["hash"]?.stringValue ?? ""),
                    "\(record.relativePath)")
        }
    }

    @Test func splitsAgreeOnManyNamesAndPatterns() throws {
        let fixture = try Self.fixture("python_splits.json")
        let names = (fixture["names"]?.arrayValue ?? []).compactMap(\.stringValue)
        let ratios = (fixture["ratios"]?.arrayValue ?? []).compactMap(\.doubleValue)
        try #require(ratios.count == 3)
        guard case let .object(letters)? = fixture["letters"], case let .object(splits)? = fixture["splits"] else {
            Issue.record("python_splits.json lacks letters or splits")
            return
        }
        #expect(names.count >= 1000 && splits.count >= 8)
        let letter = Dictionary(uniqueKeysWithValues: letters.compactMap { pair in pair.value.stringValue.map { (pair.key, $0) } })
        for (pattern, value) in splits {
            let expected = try #require(value.stringValue).map(String.init)
            #expect(expected.count == names.count)
            let assigner = SplitAssigner(ratios: SplitRatios(train: ratios[0], validation: ratios[1], test: ratios[2]),
                                         groupPattern: pattern.isEmpty ? nil : try GroupPattern(pattern))
            let mismatches = zip(names, expected).filter { name, split in letter[assigner.split(for: name).rawValue] != split }.map(\.0)
            #expect(mismatches.isEmpty, "pattern \(pattern): \(mismatches.count) files differ, e.g. \(mismatches.prefix(3))")
        }
    }

    @Test func convertedCopyAgreesWithinOneStep() throws {
        let fixture = try Self.fixture("python_conversion.json")
        let rate = try #require(fixture["input"]?["rate"]?.integerValue)
        let seconds = try #require(fixture["input"]?["seconds"]?.doubleValue)
        // The formula the script states: 440 Hz + 3 kHz + 12 kHz on the left, -0.25 × left on the right.
        var interleaved: [Float] = []
        for n in 0 ..< Int(Double(rate) * seconds) {
            let t = Double(n) / Double(rate)
            let left = Float(0.3 * sin(2 * Double.pi * 440 * t) + 0.1 * sin(2 * Double.pi * 3000 * t + 0.5) + 0.1 * sin(2 * Double.pi * 12000 * t))
            interleaved += [left, Float(-0.25 * Double(left))]
        }
        let folder = TemporaryDirectory("conversion-parity")
        let source = try TestAudio.writeWAV(folder.appending("source.wav"), interleaved, rate: rate, channels: 2, encoding: .float32)
        let copy = folder.appending("copy.wav").path
        let written = try ConvertedCopy.convert(source.path, to: copy)
        #expect(written == fixture["written"]?.integerValue)
        let encoded = try #require(fixture["int16_le_base64"]?.stringValue)
        let bytes = try #require(Data(base64Encoded: encoded))
        let theirs = stride(from: 0, to: bytes.count - 1, by: 2).map { Int16(bitPattern: UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8) }
        let mine = try AudioFile.readDeviceSamples(path: copy)
        #expect(mine.count == theirs.count)
        let worst = zip(mine, theirs).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 1)
        #expect(theirs.map { abs(Int($0)) }.max() ?? 0 > 3000)  // the copy is not silence
    }
}
