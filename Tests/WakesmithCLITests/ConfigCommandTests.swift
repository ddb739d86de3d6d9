import Foundation
import Support
import TestSupport
import Testing

/// `wakesmith config` run as users run it: the built executable, its output and exit status.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct ConfigCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    @Test func printsTheResolvedConfiguration() throws {
        let folder = TemporaryDirectory("config-command")
        try "training:\n  batch_size: 64\n".write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let yaml = try wakesmith(["config", "config.yaml"], in: folder.url)
        #expect(yaml.status == 0, "\(yaml.standardError)")
        #expect(yaml.standardOutput.contains("  batch_size: 64\n"))
        #expect(yaml.standardOutput.contains("  learning_rates: [0.001]\n"))
        let json = try wakesmith(["config", "--json", folder.appending("config.yaml").path])
        let value = try JSONValue(parsing: json.standardOutput)
        #expect(value["training"]?["batch_size"] == .integer(64))
        #expect(value["dataset"]?["root"]?.stringValue?.hasSuffix("/dataset") == true)
    }

    @Test func refusesAMisspeltKeyNamingIt() throws {
        let folder = TemporaryDirectory("config-command")
        try "dataset:\n  root: data\ntraining:\n  learnig_rates: [0.1]\n".write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let result = try wakesmith(["config", folder.appending("config.yaml").path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("config.yaml:4:3: unknown key 'training.learnig_rates'; did you mean 'learning_rates'?"))
        let missing = try wakesmith(["config", folder.appending("nope.yaml").path])
        #expect(missing.status == 1 && missing.standardError.contains("no such configuration file"))
        #expect(try wakesmith(["config"]).status == 2)
    }

    @Test func referenceFlagPrintsTheCommittedReference() throws {
        let result = try wakesmith(["config", "--reference"])
        #expect(result.status == 0, "\(result.standardError)")
        let committed = try String(contentsOf: Repository.root.appendingPathComponent("docs/config-reference.md"), encoding: .utf8)
        #expect(result.standardOutput == committed)
        #expect(try wakesmith(["config", "--reference", "config.yaml"]).status == 2)
    }
}
