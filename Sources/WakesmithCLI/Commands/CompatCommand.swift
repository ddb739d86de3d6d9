import ESPHome
import Support
import Verification

/// `wakesmith compat MANIFEST...`: the release × model matrix.
struct CompatCommand: Command {
    static let path = ["compat"]
    static let abstract = "which ESPHome releases load these models (release × model matrix; --judge adds esphome config)"
    static let discussion = """
        Verifies every manifest against every release given (default: the first release of each row of the \
        release table, \(ReleaseTable.representativeReleases.map(\.description).joined(separator: ", "))) and prints \
        a matrix: ok when the release loads and runs the model as emulated, NO with the reason below. With \
        --judge, each release's own `esphome config` also validates each manifest on a minimal device YAML, \
        each release in its own virtual environment under ~/.cache/wakesmith/esphome (created once with \
        `pip install esphome==RELEASE`, which needs the network and a Python ≥ 3.12). Exit 0 only when every \
        cell is ok.
        """
    static let options: [Option] = [
        .value("esphome", "V1,V2", "releases to check, comma-separated (default: one per row of the release table)", repeatable: true),
        .flag("judge", "also run each release's `esphome config` on each manifest"),
    ]
    static let arguments = [Argument("MANIFEST", "a manifest (.json) or a .tflite model", count: 1 ... Int.max)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        var releases: [ESPHomeVersion] = []
        for text in parsed.list("esphome") { releases.append(try VerifyCommand.release(text, command: parsed.command)) }
        if releases.isEmpty { releases = ReleaseTable.representativeReleases }
        let judge = parsed.flag("judge") ? ESPHomeJudge() : nil
        let matrix = CompatibilityMatrix(manifests: parsed.positional, releases: releases, judge: judge) { message in
            printError(message)
        }
        for line in Rendering.lines(matrix) { printOut(line) }
        return matrix.allOK ? 0 : 1
    }
}
