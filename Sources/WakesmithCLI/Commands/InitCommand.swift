import Config
import Dataset
import Foundation
import Support

/// `wakesmith init [DIR]`: the dataset layout and a config.yaml from a preset.
enum InitCommand: Command {
    static let path = ["init"]
    static let abstract = "create dataset/ folders and a config.yaml from a preset"
    static let discussion = """
    Creates DIR/dataset/{positive,negative,background,rir} (see dataset/README.md for what goes where) and \
    DIR/config.yaml, a copy of the chosen preset from configs/: fast_test (minutes on a laptop CPU; the demo), \
    standard (the reference recipe, about an hour on 2 cores) or max_quality (hours; best on a GPU). An \
    existing config.yaml is kept unless --force is given; existing folders and audio are never touched.
    """
    static let options: [Option] = [
        .value("preset", "NAME", "the preset to copy: \(Presets.names.joined(separator: ", ")) (default \(Presets.defaultName))"),
        .flag("force", "overwrite an existing config.yaml"),
    ]
    static let arguments = [Argument("DIR", "the project folder (default: the current folder)", count: 0 ... 1)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let folder = parsed.positional.first ?? "."
        let preset = parsed.value("preset") ?? Presets.defaultName
        let text: String
        do {
            text = try Presets.text(of: preset)
        } catch {
            throw UsageError(error.problems.first?.text ?? "unknown preset '\(preset)'", command: displayName)
        }
        let configPath = folder + "/config.yaml"
        if FileManager.default.fileExists(atPath: configPath), !parsed.flag("force") {
            throw Failure("\(configPath) already exists", hint: "use --force to overwrite it, or pick another folder")
        }
        for kind in SampleKind.allCases {
            let path = folder + "/dataset/" + kind.rawValue
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw FileError(path: path, operation: "create the folder", reason: error.localizedDescription)
            }
        }
        try AtomicFile.write(text, to: configPath)
        let kinds = SampleKind.allCases.map(\.rawValue).joined(separator: ",")
        printOut("wrote \(configPath) (preset \(preset)) and \(folder)/dataset/{\(kinds)}")
        printOut("next: put audio in the dataset folders (or run `wakesmith synth`), then `wakesmith validate`")
        return 0
    }
}
