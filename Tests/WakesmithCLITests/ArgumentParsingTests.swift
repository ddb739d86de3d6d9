import Testing
@testable import WakesmithCLI

private enum Probe: Command {
    static let path = ["probe", "run"]
    static let abstract = "a command for tests"
    static let options: [Option] = [
        .flag("fix", "convert bad files"),
        .value("dataset", "DIR", "the data folder"),
        .value("esphome", "V", "releases", repeatable: true),
        .value("steps", "N", "how many"),
    ]
    static let arguments = [Argument("FILE", "files", count: 1 ... Int.max)]
    static func run(_ parsed: ParsedArguments) throws -> Int32 { 0 }
}

@Suite struct ArgumentParsingTests {
    func parse(_ words: [String]) throws -> ParsedArguments {
        guard case let .run(parsed) = try ArgumentParser.parse(ArraySlice(words), for: Probe.self) else {
            Issue.record("expected arguments, got help")
            throw UsageError("help", command: "probe")
        }
        return parsed
    }

    @Test func acceptsTheUsualForms() throws {
        let parsed = try parse(["a.wav", "--fix", "--dataset", "d", "--esphome=2025.5.0,2026.6.0", "--esphome", "2026.10.0", "--", "--b.wav"])
        #expect(parsed.positional == ["a.wav", "--b.wav"])
        #expect(parsed.flag("fix"))
        #expect(parsed.value("dataset") == "d")
        #expect(parsed.list("esphome") == ["2025.5.0", "2026.6.0", "2026.10.0"])
        #expect(try parsed.integer("steps", default: 7) == 7)
    }

    @Test func refusesMistakesWithAHint() {
        let typo = #expect(throws: UsageError.self) { try parse(["a.wav", "--datset", "d"]) }
        #expect(typo?.message.contains("did you mean --dataset?") == true)
        #expect(throws: UsageError.self) { try parse([]) }  // FILE is required
        #expect(throws: UsageError.self) { try parse(["a", "--dataset"]) }  // value missing
        #expect(throws: UsageError.self) { try parse(["a", "--fix=yes"]) }  // a flag takes no value
        #expect(throws: UsageError.self) { try parse(["a", "--dataset", "x", "--dataset", "y"]) }
        #expect(throws: UsageError.self) { try parse(["a", "--steps", "many"]).integer("steps") }
    }

    @Test func helpIsGeneratedFromTheDeclaration() throws {
        guard case .help = try ArgumentParser.parse(["--help"], for: Probe.self) else {
            Issue.record("expected help")
            return
        }
        let text = HelpText.render(Probe.self)
        #expect(text.hasPrefix("usage: wakesmith probe run [options] FILE..."))
        #expect(text.contains("--dataset DIR"))
        #expect(text.contains("--esphome V"))
        #expect(text.contains("(repeatable)"))
    }

    @Test func dispatchesAndMapsExitCodes() {
        #expect(Wakesmith.main(["probe", "run", "x"], commands: [Probe.self]) == 0)
        #expect(Wakesmith.main(["probe", "run"], commands: [Probe.self]) == 2)
        #expect(Wakesmith.main(["prob"], commands: [Probe.self]) == 2)
        #expect(Wakesmith.main(["--help"], commands: [Probe.self]) == 0)
    }
}
