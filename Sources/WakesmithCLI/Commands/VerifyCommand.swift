import ESPHome
import Support
import Verification

/// `wakesmith verify MODEL.json...`: will these models load on an ESPHome release? Exit 0 only if they will.
struct VerifyCommand: Command {
    static let path = ["verify"]
    static let abstract = "check that models will load on ESPHome (exit 0 only if every one will, and they fit together)"
    static let discussion = """
        Checks each manifest (.json, its model relative to it) or bare .tflite against what ESPHome's \
        micro_wake_word does when it loads a model, for one release (default \(ReleaseTable.defaultRelease)): \
        the closed V2 manifest schema (V1 manifests are read with a notice), the flatbuffer schema version, \
        the release's operator list, minimum_esphome_version, the int8 [1, stride, 40] input and uint8 [1, 1] \
        output, resource variables, TFLite Micro's preparation (emulated bit for bit), the manifest's \
        tensor_arena_size against the predicted need on ESP32 and ESP32-S3 (margin stated), and a run of real \
        inferences. With several models, also whether they work together on one device. Every failing check \
        is one line that says what to fix.
        """
    static let options: [Option] = [
        .value("esphome", "VERSION", "the ESPHome release to check against (default \(ReleaseTable.defaultRelease))"),
        .value("inferences", "N", "inferences in the determinism run (default 50)"),
        .flag("json", "print one JSON object instead of the checks"),
    ]
    static let arguments = [Argument("MODEL", "a manifest (.json) or a .tflite model", count: 1 ... Int.max)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let release = try releaseOption(parsed)
        let inferences = try parsed.integer("inferences", default: 50, in: 0 ... 100_000) ?? 50
        let result = Verifier(release: release, inferences: inferences).verify(parsed.positional)
        if parsed.flag("json") {
            printOut(result.json.serialized(indent: 2))
        } else {
            for line in Rendering.lines(result) { printOut(line) }
        }
        return result.willLoad ? 0 : 1
    }

    /// `--esphome VERSION`, checked against the release table.
    static func releaseOption(_ parsed: ParsedArguments) throws(UsageError) -> ESPHomeVersion {
        guard let text = parsed.value("esphome") else { return ReleaseTable.defaultRelease }
        return try release(text, command: parsed.command)
    }

    static func release(_ text: String, command: String) throws(UsageError) -> ESPHomeVersion {
        guard let version = ESPHomeVersion(text) else {
            throw UsageError("--esphome takes a release such as 2025.6.0, not '\(text)'", command: command)
        }
        guard ReleaseTable.behaviour(of: version) != nil else {
            throw UsageError("ESPHome \(version) has no micro_wake_word (it appeared in 2024.2.0)", command: command)
        }
        return version
    }
}
