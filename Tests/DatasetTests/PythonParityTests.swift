import AudioIO
import Config
@testable import Dataset
import Foundation
import Support
import TestSupport
import Testing

/// The Swift data stage against the Python reference (`.venv/bin/python`) on generated trees: the same files
/// found, described, hashed and put in the same splits; caches and converted copies shared between them.
@Suite(.enabled(if: oraclePython != nil, "needs the Python reference in .venv (scripts/install.sh)"))
struct DatasetPythonParityTests {
    func python(_ script: String, _ arguments: [String]) throws -> JSONValue {
        let result = try runProcess(try #require(oraclePython), ["-c", script] + arguments, currentDirectory: Repository.root)
        #expect(result.status == 0, "\(result.standardError)")
        return try JSONValue(parsing: result.standardOutput)
    }

    /// A tree with groups, sub-folders, odd names, every bad kind and files that are not audio.
    func makeTree() throws -> TestDataset {
        let dataset = try TestDataset()
        for voice in 0 ..< 12 {
            for take in 0 ..< 3 {
                let kind = voice % 3 == 0 ? "negative" : "positive"
                try TestAudio.writeWAV(dataset.url("\(kind)/v\(voice % 4)/espeak-voice\(voice)__\(take).wav"),
                                       TestAudio.tone(seconds: 0.5 + Double(take) * 0.1, seed: UInt64(voice * 3 + take)))
            }
        }
        try TestAudio.writeWAV(dataset.url("positive/Zürich ünïcode__1.wav"), TestAudio.tone(seconds: 0.6))
        try TestAudio.writeWAV(dataset.url("positive/UPPER.WAV"), TestAudio.tone(seconds: 0.7))
        try TestAudio.writeWAV(dataset.url("background/noise.wav"), TestAudio.tone(seconds: 2))
        try TestAudio.writeFLAC(dataset.url("rir/room.flac"), TestAudio.tone(seconds: 0.2))
        try TestAudio.write(Data("notes".utf8), to: dataset.url("negative/readme.txt"))
        for bad in BadFile.all { try bad.make(dataset.url("positive/bad/" + bad.name)) }
        return dataset
    }

    @Test func scanAndSplitsAgreeAndTheCacheIsShared() throws {
        let dataset = try makeTree()
        var settings = DatasetConfig()
        settings.root = dataset.root.path
        settings.groupPattern = "^(.+?)__"
        settings.splits = SplitRatios(train: 0.5, validation: 0.25, test: 0.25)
        let swift = try DatasetScanner.scan(settings)  // writes the cache Python then reads
        let script = """
        import json, sys
        from pathlib import Path
        from wakesmith.audio.ingest import scan
        from wakesmith.config.models import DatasetConfig, SplitRatios
        result = scan(DatasetConfig(root=Path(sys.argv[1]), group_pattern=sys.argv[2],
                                    splits=SplitRatios(train=0.5, validation=0.25, test=0.25)))
        print(json.dumps({"hits": result.cache.hits, "ignored": result.ignored, "records": [
            [r.relative_path, r.kind, r.frames, r.sample_rate, r.channels, r.sample_format if r.read_error is None else "unreadable",
             r.content_hash, r.split, r.read_error is None] for r in result.records]}))
        """
        let python = try python(script, [dataset.root.path, "^(.+?)__"])
        let expected = try #require(python["records"]?.arrayValue)
        #expect(swift.records.count == expected.count)
        for (record, row) in zip(swift.records, expected) {
            let values = try #require(row.arrayValue)
            let mine: JSONValue = [.string(record.relativePath), .string(record.kind.rawValue), .integer(record.frames),
                                   .integer(record.sampleRate), .integer(record.channels), .string(record.sampleFormat),
                                   .string(record.contentHash), .string(record.split?.rawValue ?? ""), .bool(record.isReadable)]
            #expect(mine == .array(values), "\(record.relativePath)")
        }
        #expect(python["ignored"] == .array(swift.ignored.map { .string($0) }))
        // Python found every hash in the cache Swift wrote; Swift reads the cache Python rewrote.
        #expect(python["hits"]?.integerValue == swift.records.filter { !$0.contentHash.isEmpty }.count)
        #expect(try DatasetScanner.scan(settings).cache.misses == 0)
    }

    @Test func splitsAgreeOnManyNamesAndPatterns() throws {
        var names: [String] = []
        for index in 0 ..< 400 {
            names.append("positive/spk\(index % 37)/take\(index)__x.wav")
            names.append("negative/é\(index)_ü__\(index % 11).flac")
            names.append("background/File \(index).WAV")
        }
        let patterns = ["", "^(.+?)__", "(spk\\d+)", "^([^_]+)_", "(?i)(TAKE\\d)", "(?P<voice>\\w+?)__", "(\\d+)\\.wav$", "(a|b)x"]
        let script = """
        import json, sys
        from wakesmith.audio.splits import assign_splits
        from wakesmith.config.models import SplitRatios
        names = json.loads(sys.stdin.read())
        ratios = SplitRatios(train=0.6, validation=0.3, test=0.1)
        splits = {p: assign_splits(names, ratios, p or None) for p in sys.argv[1:]}
        print(json.dumps({p: [s[n] for n in names] for p, s in splits.items()}))
        """
        let result = try runProcess(try #require(oraclePython), ["-c", script] + patterns, currentDirectory: Repository.root,
                                    input: Data(JSONValue.array(names.map { .string($0) }).serialized().utf8))
        #expect(result.status == 0, "\(result.standardError)")
        let python = try JSONValue(parsing: result.standardOutput)
        for pattern in patterns {
            let assigner = SplitAssigner(ratios: SplitRatios(train: 0.6, validation: 0.3, test: 0.1),
                                         groupPattern: pattern.isEmpty ? nil : try GroupPattern(pattern))
            let expected = try #require(python[pattern]?.arrayValue)
            let mismatches = zip(names, expected).filter { name, split in split.stringValue != assigner.split(for: name).rawValue }.map(\.0)
            let count = mismatches.count
            #expect(count == 0, "pattern \(pattern): \(count) files differ, e.g. \(mismatches.prefix(3))")
        }
    }

    @Test func convertedCopiesAgreeWithinOneStep() throws {
        let dataset = try TestDataset()
        let source = try TestAudio.writeWAV(dataset.url("positive/s.wav"), TestAudio.tone(seconds: 1.3, rate: 44100).flatMap { [$0, -$0 * 0.25] },
                                            rate: 44100, channels: 2, encoding: .float32)
        let swiftCopy = dataset.folder.appending("swift.wav").path, pythonCopy = dataset.folder.appending("python.wav").path
        let written = try ConvertedCopy.convert(source.path, to: swiftCopy)
        let script = """
        import sys
        from pathlib import Path
        from wakesmith.audio.conversion import convert_file
        print(convert_file(Path(sys.argv[1]), Path(sys.argv[2])))
        """
        #expect(try python(script, [source.path, pythonCopy]) == .integer(written))
        let mine = try AudioFile.readDeviceSamples(path: swiftCopy), theirs = try AudioFile.readDeviceSamples(path: pythonCopy)
        #expect(mine.count == theirs.count)
        let worst = zip(mine, theirs).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 1)
    }
}
