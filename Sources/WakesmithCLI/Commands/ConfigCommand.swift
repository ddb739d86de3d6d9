import Config
import Export
import Support

/// `wakesmith config CFG`: the configuration as the stages will see it, or every problem in it.
enum ConfigCommand: Command {
    static let path = ["config"]
    static let abstract = "print the resolved configuration, or what is wrong with it (exit 1)"
    static let discussion = """
    Reads CFG, checks every key against the schema (unknown keys name the closest valid one; wrong types and \
    values name their path, line and column), fills in the defaults, makes relative paths absolute against \
    CFG's folder, and prints the result as YAML (or JSON with --json). A model the device cannot run (more \
    than 20 streaming buffers, operators ESPHome lacks, a stride it does not feed) is a problem too, with the \
    nearest setting that works. A configuration with problems prints one line per problem on standard error \
    and exits 1. Every key is described in docs/config-reference.md, which --reference prints (without CFG).
    """
    static let options: [Option] = [
        .flag("json", "print JSON instead of YAML"),
        .flag("reference", "print the configuration reference (Markdown: every key, type, default, description)"),
    ]
    static let arguments = [Argument("CFG", "the configuration file (config.yaml)", count: 0 ... 1)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        if parsed.flag("reference") {
            guard parsed.positional.isEmpty else {
                throw UsageError("--reference takes no CFG", command: displayName)
            }
            StandardStream.output.write(ConfigReference.markdown())
            return 0
        }
        guard let path = parsed.positional.first else { throw UsageError("missing CFG", command: displayName) }
        let config: WakesmithConfig
        do {
            config = try ConfigLoader.load(path: path, checks: DeviceCompatibility.configChecks)
        } catch {
            for line in error.lines { printError("error: \(line)") }
            if let hint = error.hint { printError("hint: \(hint)") }
            return 1
        }
        if parsed.flag("json") {
            printOut(config.encoded.serialized(indent: 2))
        } else {
            guard let text = YAMLWriter.text(of: config.encoded) else {
                throw Failure("cannot write the configuration as YAML", hint: "use --json")
            }
            StandardStream.output.write(text)
        }
        return 0
    }
}
