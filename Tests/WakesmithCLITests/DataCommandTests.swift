import Foundation
import Testing
import TestSupport
@testable import WakesmithCLI

/// `synth`, `data fetch` and `data list` on the command line: usage mistakes are exit 2 with one line.
@Suite struct DataCommandTests {
    func run(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments)
    }

    @Test(.enabled(if: wakesmithExecutable != nil))
    func usageMistakesAreOneLineAndExitTwo() throws {
        let folder = TemporaryDirectory("cli")
        let cases: [([String], String)] = [
            (["synth", "--out", folder.path], "no wake phrase"),
            (["synth", "--wake-word", "hey", "--out", folder.path, "--engine", "nope"], "unknown TTS engine 'nope'"),
            (["synth", "--wake-word", "hey", "--size", "huge"], "unknown size 'huge'"),
            (["synth", "--wake-word", "hey", "--positives", "-3"], "--positives takes a whole number"),
            (["data", "fetch", "--out", folder.path, "--packages", "no-such-pkg"], "not in the catalog: no-such-pkg"),
            (["data", "fetch", "--set", "medium"], "unknown set 'medium'"),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.standardError.contains(message), "\(result.standardError)")
            #expect(result.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test(.enabled(if: wakesmithExecutable != nil))
    func dataListShowsTheCatalog() throws {
        let result = try run(["data", "list"])
        #expect(result.status == 0 && result.standardOutput.contains("pocketsphinx-testdata") && result.standardOutput.contains("lite:"))
        #expect(try run(["synth", "--help"]).standardOutput.contains("--wake-word PHRASE"))
    }

    /// `synth --config`: the synth: section, wake phrase and dataset.root are the defaults; a flag overrides.
    @Test(.enabled(if: wakesmithExecutable != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/espeak-ng")))
    func synthTakesItsDefaultsFromTheConfig() throws {
        let folder = TemporaryDirectory("synth-config")
        let config = folder.appending("config.yaml").path
        try """
        wake_word: {phrase: okay tester}
        dataset: {root: data}
        synth: {size: demo, positives: 4, negatives: 3, background_minutes: 0.1, rirs: 2, seed: 5, workers: 1}

        """.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try run(["synth", "--config", config, "--negatives", "2", "--word-list", "none"])
        #expect(result.status == 0, "\(result.standardError)")
        func count(_ kind: String) -> Int {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/data/\(kind)/synth")) ?? []).filter { $0.hasSuffix(".wav") }.count
        }
        #expect(count("positive") == 4 && count("negative") == 2 && count("rir") == 2, "\(result.standardOutput)")
        let manifest = try String(contentsOfFile: folder.path + "/data/synth_manifest.jsonl", encoding: .utf8)
        #expect(manifest.contains("okay tester"))
        #expect(result.standardOutput.contains("to \(folder.path)/data"))
    }
}
