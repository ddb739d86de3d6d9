import Foundation
import Support
import TestSupport
import Testing

/// `wakesmith demo` end to end (slow: minutes): synthesis, the long ambient test audio, every stage; the
/// model it makes passes `verify`, and a second demo skips everything.
@Suite(.enabled(if: wakesmithExecutable != nil && slowTestsEnabled, "slow; needs the built wakesmith executable"))
struct DemoCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    @Test func demoMakesAModelThatPassesVerify() throws {
        let folder = TemporaryDirectory("demo-command")
        let started = Date()
        let demo = try wakesmith(["demo", "--dir", "demo", "--quiet"], in: folder.url)
        let seconds = Date().timeIntervalSince(started)
        #expect(demo.status == 0, "\(demo.standardError)")
        print("wakesmith demo: \(Int(seconds)) s wall (load \((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"))")
        print(demo.standardOutput)
        for stage in ["synth", "ambient", "validate", "features", "train", "export", "verify"] {
            #expect(RunCommandTests.status(stage, in: demo.standardOutput) == "ran", "\(stage)")
        }
        let manifest = folder.appending("demo/work/model/hey_jarvis.json")
        #expect(demo.standardOutput.contains("manifest: \(manifest.path)"))
        let ambient = try FileManager.default.contentsOfDirectory(atPath: folder.appending("demo/dataset/background/demo-ambient").path)
        #expect(ambient.count == 160, "8 h in 3-minute files")
        let verified = try wakesmith(["verify", manifest.path], in: folder.url)
        #expect(verified.status == 0, "\(verified.standardOutput)")

        let again = try wakesmith(["demo", "--dir", "demo", "--quiet"], in: folder.url)
        #expect(again.status == 0, "\(again.standardError)")
        for stage in ["synth", "ambient", "train", "export"] {
            #expect(RunCommandTests.status(stage, in: again.standardOutput) == "skipped", "\(stage)")
        }
    }
}
