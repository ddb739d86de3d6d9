import ESPHome
import Emulator
import Features
import Foundation
import Frontend
import Support
import TFLiteFormat
import TestSupport
import Testing
import Training

/// `wakesmith eval` on a small real pipeline output (stores → random-weight MixedNet → `wakesmith export`),
/// checked against outputs computed by hand through the emulator's device pipeline.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct EvalCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    @Test func setsTheCutoffAndReportsWhatTheDeviceWouldDo() throws {
        let project = try SmallExportedProject(name: "eval-command")
        let folder = project.folder
        let manifestPath = folder.appending("out/my_word.json").path
        let before = try #require(try? ManifestReader.read(contentsOf: URL(fileURLWithPath: manifestPath)).get())

        let result = try wakesmith(["eval", "--config", "config.yaml", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("recall ") == true && lines.first?.contains(" false accepts/hour (cutoff ") == true,
                "\(result.standardOutput)")
        #expect(result.standardOutput.contains("out/report/report.html"))
        #expect(result.standardOutput.contains("model card: ") && result.standardOutput.contains("out/model_card.md"))

        let metrics = try JSONValue(parsing: [UInt8](try Data(contentsOf: folder.appending("out/report/metrics.json"))))
        let chosen = try #require(metrics["chosen_cutoff"]?.doubleValue)
        guard case let .v2(after)? = try? ManifestReader.read(contentsOf: URL(fileURLWithPath: manifestPath)).get() else {
            Issue.record("the manifest is no longer a V2 manifest")
            return
        }
        #expect(after.micro.probabilityCutoff == (chosen * 100).rounded() / 100)
        var expected = before.effective
        expected.micro.probabilityCutoff = after.micro.probabilityCutoff
        #expect(expected == after, "eval changed more than probability_cutoff")
        for file in ["out/report/report.html", "out/report/report.md", "out/report/roc.svg", "out/model_card.md"] {
            #expect(FileManager.default.fileExists(atPath: folder.appending(file).path), "\(file) missing")
        }
        let verified = try wakesmith(["verify", "out/my_word.json"], in: folder.url)
        #expect(verified.status == 0, "verify: \(verified.standardOutput)\(verified.standardError)")

        // By hand, at every cutoff: raw outputs from the emulator's device pipeline (not evaluation's stride
        // runner), each clip's best eligible window sum and the ambient false accepts with their cool-down.
        let cutoffs = (metrics["cutoffs"]?.arrayValue ?? []).compactMap { $0.doubleValue }
        #expect(cutoffs.count == 101)
        let window = after.micro.slidingWindowSize
        let model = try TFLiteModel(contentsOf: folder.appending("out/my_word.tflite"))
        let probe = try Interpreter(model: model)
        let stride = try #require(probe.inputs.first?.shape[1])
        func outputs(_ spectrograms: [[UInt16]]) throws -> [UInt8] {
            let interpreter = try Interpreter(model: model)
            let pipeline = try DevicePipeline(models: [(interpreter, .init(probabilityCutoff: 0.99, slidingWindowSize: window))])
            var raw: [UInt8] = []
            for frames in spectrograms {
                for start in Swift.stride(from: 0, to: frames.count, by: 40) {
                    frames[start ..< start + 40].withUnsafeBufferPointer { frame in
                        pipeline.feed(frame: frame) { if case let .output(_, _, _, value) = $0 { raw.append(value) } }
                    }
                }
            }
            return raw
        }
        func windowSum(_ raw: [UInt8], _ step: Int) -> Int { raw[max(step - window + 1, 0) ... step].reduce(0) { $0 + Int($1) } }
        var best: [(positive: Bool, sum: Int)] = []
        for set in ["positive", "negative", "background"] {
            let store = try FeatureStore.open(folder.appending("work/features/\(set)/testing").path)
            for clip in 0 ..< store.count {
                let raw = try outputs([store.values(clip)])
                let first = (100 + stride - 1) / stride - 1
                best.append((set == "positive", raw.indices.filter { $0 >= first }.map { windowSum(raw, $0) }.max() ?? 0))
            }
        }
        let ambient = try FeatureStore.open(folder.appending("work/features/background/testing_ambient").path)
        let stream = try outputs((0 ..< ambient.count).map { ambient.values($0) })
        let recall = (metrics["recall"]?.arrayValue ?? []).compactMap { $0.doubleValue }
        let falsePositives = (metrics["fp"]?.arrayValue ?? []).compactMap { $0.integerValue }
        let falseAccepts = (metrics["false_accepts"]?.arrayValue ?? []).compactMap { $0.integerValue }
        var distinctRecalls = Set<Double>()
        for (index, cutoff) in cutoffs.enumerated() {
            let limit = Int(cutoff * 255) * window
            let positives = best.filter(\.positive)
            let handRecall = Double(positives.filter { $0.sum > limit }.count) / Double(positives.count)
            distinctRecalls.insert(handRecall)
            #expect(recall[index] == handRecall, "recall at \(cutoff)")
            #expect(falsePositives[index] == best.filter { !$0.positive && $0.sum > limit }.count, "fp at \(cutoff)")
            var accepts = 0, last = -1_000_000
            for step in stream.indices where step - last > 75 && windowSum(stream, step) > limit {
                accepts += 1
                last = step
            }
            #expect(falseAccepts[index] == accepts, "false accepts at \(cutoff)")
        }
        #expect(distinctRecalls.count > 2, "the outputs should vary enough for the check to mean something")
        let frames = (0 ..< ambient.count).reduce(0) { $0 + ambient.frameCount(of: $1) }
        let hours = try #require(metrics["ambient_hours"]?.doubleValue)
        #expect(abs(hours - Double(frames) / 100 / 3600) < 1e-12)

        // Report only: the manifest keeps its cutoff.
        var edited = after
        edited.micro.probabilityCutoff = 0.42
        try edited.write(to: manifestPath)
        let kept = try wakesmith(["eval", "--config", "config.yaml", "--quiet", "--keep-cutoff"], in: folder.url)
        #expect(kept.status == 0 && kept.standardOutput.contains("probability_cutoff left unchanged"))
        guard case let .v2(unchanged)? = try? ManifestReader.read(contentsOf: URL(fileURLWithPath: manifestPath)).get() else {
            Issue.record("the manifest is no longer a V2 manifest")
            return
        }
        #expect(unchanged.micro.probabilityCutoff == 0.42)
    }

    @Test func saysToExportFirst() throws {
        let folder = TemporaryDirectory("eval-command")
        try "export:\n  output_dir: out\n  model_name: w\n".write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let result = try wakesmith(["eval", "--config", "config.yaml"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.standardError.contains("out/w.json not found"), "\(result.standardError)")
        #expect(result.standardError.contains("wakesmith export --config CFG"))
    }
}
