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
}
