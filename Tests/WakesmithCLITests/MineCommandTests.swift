import Features
import Foundation
import Support
import TestSupport
import Testing

/// `wakesmith mine` on a small real project: the exported model in the emulator over the negative training
/// stores, the windows it fires on stored as the hard-negative feature set, one fine-tuning round.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct MineCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    @Test func storesTheWindowsTheModelFiresOnAndFineTunes() throws {
        let project = try SmallExportedProject(name: "mine-command", export: false)
        let folder = project.folder
        // a low threshold, so the random-weight model fires on some negative audio
        let config = SmallExportedProject.config + """

        mining:
          threshold: 0.05
          fine_tune_steps: 10
          rounds: 1
          max_new_per_round: 7
        """
        try config.write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let result = try wakesmith(["mine", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("round 1: "), "\(result.standardOutput)")
        let store = try FeatureStore.open(folder.appending("work/features/hard_negative/training").path)
        #expect(store.count > 0 && store.count <= 7, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("round 1: \(store.count) new hard negatives"))
        // every stored window is the receptive field of the small model ending where an inference ended, cut
        // from a negative training clip (zero-padded in front when the clip is shorter)
        var clips: [[UInt16]] = []
        for set in ["negative", "background"] {
            let reader = try FeatureStore.open(folder.appending("work/features/\(set)/training").path)
            clips += (0 ..< reader.count).map { reader.values($0) }
        }
        for index in 0 ..< store.count {
            let window = store.values(index)
            let frames = window.count / 40
            let matches = clips.contains { clip in
                Swift.stride(from: 3, through: clip.count / 40, by: 3).contains { end in
                    let start = end - frames
                    let padding = [UInt16](repeating: 0, count: max(-start, 0) * 40)
                    return padding + clip[max(start, 0) * 40 ..< end * 40] == window
                }
            }
            #expect(matches, "window \(index) is not a model window of the negative training audio")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appending("work/mining/round_1/best.weights").path))
        let kept = result.standardOutput.contains("best weights updated")
        #expect(kept == FileManager.default.fileExists(atPath: folder.appending("work/run/best.before_mining.weights").path))
    }

    @Test func saysToTrainFirst() throws {
        let folder = TemporaryDirectory("mine-command")
        try "training:\n  run_dir: run\n".write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let result = try wakesmith(["mine", "--config", "config.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("best.weights not found") && result.standardError.contains("wakesmith train"))
    }
}
