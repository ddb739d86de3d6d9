import AudioIO
import Config
import Dataset
import Foundation
@testable import Pipeline
import Support
import TestSupport
import Testing

/// The demo's ambient test audio: test-split names, distinct files of the asked length, speech over noise
/// at sane levels, and a second call that finds everything written.
@Suite(.enabled(if: EspeakEngine().isAvailable, "needs espeak-ng"))
struct AmbientTestSetTests {
    @Test func writesDistinctTestSplitFilesOnce() throws {
        let folder = TemporaryDirectory("ambient-test-set")
        var dataset = DatasetConfig()
        dataset.root = folder.appending("dataset").path
        dataset.groupPattern = SynthPlan.groupPattern
        var set = AmbientTestSet(hours: 0.1)
        set.fileMinutes = 1
        let first = try set.write(dataset: dataset, wakePhrase: "hey jarvis", showsProgress: false)
        #expect(first.files == 6 && first.written == 6)
        #expect(abs(first.seconds - 360) < 1e-9)
        let assigner = try SplitAssigner(dataset)
        let names = try FileManager.default.contentsOfDirectory(atPath: dataset.root + "/background/" + AmbientTestSet.folder).sorted()
        #expect(names.count == 6)
        var digests: Set<String> = []
        for name in names {
            let relative = "background/\(AmbientTestSet.folder)/\(name)"
            #expect(assigner.split(for: relative) == .test, "\(relative)")
            let samples = try AudioFile.readMonoFloat(path: dataset.root + "/" + relative).samples
            #expect(samples.count == 60 * 16000)
            let rms = 20 * log10(ClipShaping.rms(samples))
            #expect(rms > -45 && rms < -15, "\(name): \(rms) dBFS")
            #expect((samples.map(abs).max() ?? 0) <= 0.9, "peak limited to -1 dBFS")
            digests.insert(BLAKE2b.hex(BLAKE2b.hash(try Array(Data(contentsOf: URL(fileURLWithPath: dataset.root + "/" + relative))))))
        }
        #expect(digests.count == 6, "every file differs")
        let again = try set.write(dataset: dataset, wakePhrase: "hey jarvis", showsProgress: false)
        #expect(again.files == 6 && again.written == 0)
    }

    /// A 1 kHz tone standing in for a fetched recording lands in exactly one file, at about the talkers' level.
    @Test func mixesEachRealRecordingIntoOneFile() throws {
        let folder = TemporaryDirectory("ambient-test-set-recordings")
        try AmbientRecordingsTests.writeTone(folder.path + "/recordings/background/tones/tone.wav", seconds: 20, hertz: 1000)
        var dataset = DatasetConfig()
        dataset.root = folder.appending("dataset").path
        dataset.groupPattern = SynthPlan.groupPattern
        var set = AmbientTestSet(hours: 0.05)
        set.fileMinutes = 1
        set.recordings = try AmbientRecordings(folder: folder.path + "/recordings", seed: 0)
        let result = try set.write(dataset: dataset, wakePhrase: "hey jarvis", showsProgress: false)
        #expect(result.files == 3 && result.recordingSources == 1 && abs(result.recordingSeconds - 20) < 1e-9)
        var toneFiles = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: dataset.root + "/background/" + AmbientTestSet.folder) {
            let samples = try AudioFile.readMonoFloat(path: dataset.root + "/background/\(AmbientTestSet.folder)/\(name)").samples
            // the 1 kHz share of the file's energy: a 20 s tone at −6…+6 dB from the talkers is far above babble's
            var cosine = 0.0, sine = 0.0
            for (index, sample) in samples.enumerated() {
                let phase = 2 * Double.pi * 1000 * Double(index) / 16000
                cosine += Double(sample) * cos(phase)
                sine += Double(sample) * sin(phase)
            }
            let tone = 2 * (cosine * cosine + sine * sine) / Double(samples.count)
            let total = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
            if tone / total > 0.005 { toneFiles += 1 }
        }
        #expect(toneFiles == 1)
    }

    @Test func babbleTextNeverSaysTheWakePhrase() {
        let text = BabbleText(wakePhrase: "hey jarvis", wordList: nil)
        var generator = SeededGenerator(seed: 3)
        let words = text.text(words: 2000, using: &generator).lowercased().split { !$0.isLetter }
        #expect(words.count >= 2000)
        #expect(!words.contains("jarvis"))
    }
}
