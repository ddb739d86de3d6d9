import AudioIO
import Foundation
import Support
import Synchronization
import Testing
import TestSupport
@testable import Dataset

/// espeak-ng that fails after a number of clips: an interrupted run, without touching the process-wide Ctrl-C flag.
final class Countdown: Sendable {
    let remaining: Atomic<Int>
    init(_ count: Int) { remaining = Atomic(count) }
}

struct FailingEspeak: SpeechEngine {
    let countdown: Countdown
    var name: String { "espeak" }
    var installHint: String { "" }
    var isAvailable: Bool { true }
    var relativeCost: Double { 1 }
    var isDeterministic: Bool { true }
    func voices(count: Int, using generator: inout SeededGenerator) throws(SynthError) -> [VoiceSetting] {
        try EspeakEngine().voices(count: count, using: &generator)
    }
    func render(_ text: String, voice: VoiceSetting) throws(SynthError) -> [Float] {
        if countdown.remaining.subtract(1, ordering: .relaxed).newValue < 0 { throw SynthError("stopped on purpose") }
        return try EspeakEngine().render(text, voice: voice)
    }
}

@Suite(.enabled(if: EspeakEngine().isAvailable)) struct SynthesizerTests {
    static func settings(seed: UInt64 = 7, workers: Int = 2) -> SynthSettings {
        var settings = SynthSettings()
        settings.positives = 4
        settings.negatives = 6
        settings.backgroundMinutes = 0.2
        settings.rirs = 2
        settings.seed = seed
        settings.workers = workers
        settings.wordList = nil
        return settings
    }

    static func run(_ output: String, _ settings: SynthSettings = settings(), phrase: String = "hey jarvis",
                    engines: [any SpeechEngine] = SpeechEngines.all) throws -> SynthRun.Report
    {
        var run = SynthRun(wakePhrase: phrase, settings: settings, output: output)
        run.showProgress = false
        run.knownEngines = engines
        return try run.run { _ in }
    }

    /// Relative path → file bytes, for every file outside the cache folder.
    static func contents(_ root: String) -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            if path.hasPrefix(DatasetLayout.cacheFolderName) { continue }
            if let data = FileManager.default.contents(atPath: "\(root)/\(path)"), !path.hasSuffix("/") {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isFolder), !isFolder.boolValue { files[path] = data }
            }
        }
        return files
    }

    @Test func aSeedGivesIdenticalFilesWhateverTheWorkers() throws {
        let folder = TemporaryDirectory("synth")
        let two = folder.appending("two").path, one = folder.appending("one").path, other = folder.appending("other").path
        _ = try Self.run(two, Self.settings(workers: 2))
        _ = try Self.run(one, Self.settings(workers: 1))
        _ = try Self.run(other, Self.settings(seed: 8, workers: 2))
        let files = Self.contents(two)
        #expect(files.count == 4 + 6 + 1 + 2 + 1)
        #expect(files == Self.contents(one))
        #expect(files != Self.contents(other))
    }

    @Test func layoutManifestAndClipsAreUsable() throws {
        let folder = TemporaryDirectory("synth")
        let report = try Self.run(folder.path)
        #expect(report.result.files == [.positive: 4, .negative: 6, .background: 1, .rir: 2] && report.result.rendered == 13)
        let lines = try String(contentsOfFile: report.result.manifestPath, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 13)
        for line in lines {
            let entry = try JSONValue(parsing: String(line))
            let file = try #require(entry["file"]?.stringValue)
            let kind = try #require(entry["kind"]?.stringValue)
            #expect(file.hasPrefix("\(kind)/synth/") && entry["seed"]?.integerValue != nil && entry["engine"] != nil)
            let info = try AudioFile.info(path: "\(folder.path)/\(file)")
            #expect(info.isDeviceFormat)
            #expect(abs(info.durationSeconds - (entry["duration_s"]?.doubleValue ?? 0)) < 0.001)
            let samples = try AudioFile.readDeviceSamples(path: "\(folder.path)/\(file)")
            let peak = samples.map { abs(Int($0)) }.max() ?? 0
            #expect(peak > 33 && peak < 32765) // not silent (−60 dBFS), not clipped
            if kind == "positive" || kind == "negative" {
                #expect(info.durationSeconds >= 0.5)
                #expect(entry["engine"]?.stringValue == "espeak" && entry["settings"]?["speed"] != nil)
                let voice = try #require(entry["voice"]?.stringValue)
                #expect(file.split(separator: "/").last!.hasPrefix("espeak-" + voice.replacingOccurrences(of: "+", with: "-") + "__"))
                let text = try #require(entry["text"]?.stringValue).replacingOccurrences(of: ",", with: "")
                #expect(text.contains("hey jarvis") == (kind == "positive"))
            }
            if kind == "background" { #expect(abs((entry["duration_s"]?.doubleValue ?? 0) - 12) < 0.01) }
        }
    }

    @Test func anInterruptedRunContinuesWhereItStopped() throws {
        let folder = TemporaryDirectory("synth")
        let clean = folder.appending("clean").path, resumed = folder.appending("resumed").path
        _ = try Self.run(clean, Self.settings(workers: 1))
        let failing = FailingEspeak(countdown: Countdown(9))
        #expect(throws: SynthError.self) { try Self.run(resumed, Self.settings(workers: 1), engines: [failing]) }
        #expect(!FileManager.default.fileExists(atPath: "\(resumed)/\(Synthesizer.manifestName)"))
        let again = try Self.run(resumed, Self.settings(workers: 2))
        #expect(again.result.reused > 0 && again.result.rendered > 0 && again.result.rendered == 13 - again.result.reused)
        #expect(Self.contents(resumed) == Self.contents(clean))
        let third = try Self.run(resumed, Self.settings(workers: 2))
        #expect(third.result.rendered == 0 && third.result.reused == 13)
        #expect(Self.contents(resumed) == Self.contents(clean))
    }

    @Test func aNewPlanRemovesTheOldRunsFilesOnly() throws {
        let folder = TemporaryDirectory("synth")
        var settings = Self.settings()
        settings.positives = 3
        settings.negatives = 2
        settings.backgroundMinutes = 0
        settings.rirs = 0
        _ = try Self.run(folder.path, settings, phrase: "okay nabu")
        try Data("user file".utf8).write(to: folder.appending("positive/mine.wav"))
        settings.positives = 1
        settings.negatives = 1
        _ = try Self.run(folder.path, settings, phrase: "okay nabu")
        let synthesised = try FileManager.default.contentsOfDirectory(atPath: folder.appending("positive/synth").path)
        #expect(synthesised.count == 1)
        #expect(try Data(contentsOf: folder.appending("positive/mine.wav")) == Data("user file".utf8))
    }

    @Test func simulatedRoomsAreWrittenWithTheirGeometry() throws {
        let folder = TemporaryDirectory("synth")
        var settings = Self.settings()
        settings.size = "benchmark"
        settings.engines = ["espeak"]
        settings.positives = 2
        settings.negatives = 2
        settings.backgroundMinutes = 0
        settings.fetchSet = "none"
        settings.realRIRs = false
        let report = try Self.run(folder.path, settings)
        let rooms = try String(contentsOfFile: report.result.manifestPath, encoding: .utf8).split(separator: "\n")
            .map { try JSONValue(parsing: String($0)) }.filter { $0["kind"]?.stringValue == "rir" }
        #expect(rooms.count == 2 && rooms.allSatisfy { $0["engine"]?.stringValue == "image-source" && $0["settings"]?["size"] != nil })
        for room in rooms {
            let samples = try AudioFile.readDeviceSamples(path: folder.appending(room["file"]?.stringValue ?? "").path)
            let magnitudes = samples.map { abs(Int($0)) }
            #expect(magnitudes.firstIndex(of: magnitudes.max()!)! < 64) // direct sound first
            #expect(samples.count > 800 && samples.count <= 5 * 16000)
        }
    }
}
