import Foundation
import Support

/// ESPHome itself, the real tool for validating, compiling and uploading the harness. It needs a newer Python
/// than ours, so it lives in its own virtual environment: `$WAKESMITH_ESPHOME_VENV`, else
/// `~/.cache/wakesmith/esphome-venv` (the one `verify --esphome` uses), and a specific release in
/// `~/.cache/wakesmith/esphome-<release>`.
public struct ESPHomeTool: Sendable {
    /// The `esphome` executable.
    public let executable: URL
    /// The release it reports (`esphome version`).
    public let release: String

    public static var defaultEnvironment: URL {
        if let path = ProcessInfo.processInfo.environment["WAKESMITH_ESPHOME_VENV"] { return URL(fileURLWithPath: path) }
        return cacheFolder.appendingPathComponent("esphome-venv")
    }

    static var cacheFolder: URL {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".cache/wakesmith")
    }

    /// The environment for one release.
    public static func environment(for release: String) -> URL {
        cacheFolder.appendingPathComponent("esphome-\(release)")
    }

    /// An installed ESPHome: of `release` when given (the default environment counts when it has that
    /// release), else the default one. Nil when none is installed.
    public static func installed(release: String? = nil) -> ESPHomeTool? {
        var folders = [defaultEnvironment]
        if let release { folders.insert(environment(for: release), at: 0) }
        for folder in folders {
            let executable = folder.appendingPathComponent("bin/esphome")
            guard FileManager.default.isExecutableFile(atPath: executable.path),
                  let version = try? Self.version(of: executable)
            else { continue }
            if release == nil || version == release { return ESPHomeTool(executable: executable, release: version) }
        }
        return nil
    }

    /// The command that installs `release` (what `device flash` runs when it is missing).
    public static func installCommands(release: String, python: String) -> [[String]] {
        let folder = environment(for: release).path
        return [[python, "-m", "venv", folder], ["\(folder)/bin/python", "-m", "pip", "install", "-q", "esphome==\(release)"]]
    }

    /// A Python of at least 3.12 for ESPHome's environment: `$WAKESMITH_ESPHOME_PYTHON`, python3.13 or
    /// python3.12 on the PATH, or one of pyenv's.
    public static func findPython() -> String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["WAKESMITH_ESPHOME_PYTHON"] { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            candidates += ["python3.13", "python3.12"].map { "\(folder)/\($0)" }
        }
        let pyenv = environment["PYENV_ROOT"] ?? ((environment["HOME"] ?? "") + "/.pyenv")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: "\(pyenv)/versions")) ?? [])
            .filter { $0.hasPrefix("3.1") && !$0.hasPrefix("3.10") && !$0.hasPrefix("3.11") }.sorted().reversed()
        candidates += versions.map { "\(pyenv)/versions/\($0)/bin/python3" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func version(of executable: URL) throws -> String {
        let result = try ProcessRunner.run(executable.path, ["version"], timeout: 120)
        let text = (result.output + result.error).trimmingCharacters(in: .whitespacesAndNewlines)
        guard result.status == 0, let line = text.split(separator: "\n").last(where: { $0.contains("Version") }) ?? text.split(separator: "\n").last
        else { throw Failure("`\(executable.path) version` failed") }
        return String(line).replacingOccurrences(of: "Version: ", with: "").trimmingCharacters(in: .whitespaces)
    }
}
