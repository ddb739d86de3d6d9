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

    @Test func babbleTextNeverSaysTheWakePhrase() {
        let text = BabbleText(wakePhrase: "hey jarvis", wordList: nil)
        var generator = SeededGenerator(seed: 3)
        let words = text.text(words: 2000, using: &generator).lowercased().split { !$0.isLetter }
        #expect(words.count >= 2000)
        #expect(!words.contains("jarvis"))
    }
}
