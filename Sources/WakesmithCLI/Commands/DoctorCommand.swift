import Config
import Pipeline
import Support

/// `wakesmith doctor`: checks the machine for everything wakesmith needs, each with a fix.
enum DoctorCommand: Command {
    static let path = ["doctor"]
    static let abstract = "check the environment: libraries, programs, ESPHome, serial ports, disk"
    static let discussion = """
    Prints one line per check: ok, '-' for something only some commands need, or FAIL. Exit status 1 when a \
    required check fails. With --config, also checks free disk for that configuration's work folder.
    """
    static let options: [Option] = [
        .value("config", "CFG", "also check disk space for this configuration"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let config = try parsed.value("config").map { path throws in try ConfigLoader.load(path: path) }
        let checks = Doctor.run(config: config)
        let width = checks.map(\.name.count).max() ?? 0
        for check in checks {
            let mark = switch check.status {
            case .ok: "ok  "
            case .optionalMissing: "-   "
            case .failed: "FAIL"
            }
            let name = check.name + String(repeating: " ", count: width - check.name.count)
            printOut("\(mark)  \(name)  \(check.found)")
            if !check.fix.isEmpty { printOut("      \(String(repeating: " ", count: width))  fix: \(check.fix)") }
        }
        let failed = checks.filter { $0.status == .failed }.count
        printOut(failed == 0 ? "everything wakesmith needs is here" : "\(failed) required check\(failed == 1 ? "" : "s") failed")
        return failed == 0 ? 0 : 1
    }
}
