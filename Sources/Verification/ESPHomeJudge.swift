import Foundation
import ESPHome

/// ESPHome itself as the judge of a manifest (SPEC §7): `esphome config` of a given release on a minimal
/// device YAML, offline. Each release lives in its own virtual environment under the cache folder,
/// created once with `pip install esphome==RELEASE` by a Python ≥ 3.12 (ESPHome 2026.x needs it).
public struct ESPHomeJudge: Sendable {
    /// Where the environments live: `$WAKESMITH_ESPHOME_CACHE`, else `~/.cache/wakesmith/esphome`.
    public let cache: URL
    /// The Python that creates the environments.
    public let python: String?

    public init(cache: URL? = nil, python: String? = nil) {
        let environment = ProcessInfo.processInfo.environment
        self.cache = cache ?? environment["WAKESMITH_ESPHOME_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/wakesmith/esphome")
        self.python = python ?? Self.findPython()
    }

    /// A judgement of one manifest by one release.
    public struct Verdict: Sendable, Hashable {
        public let accepted: Bool
        /// ESPHome's most telling line.
        public let reason: String
    }

    /// Why the judge could not run.
    public struct Unavailable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The `esphome` executable of `release`'s environment, installing it on first use.
    public func esphome(for release: ESPHomeVersion, log: (String) -> Void = { _ in }) throws(Unavailable) -> URL {
        let folder = cache.appendingPathComponent(release.description)
        let executable = folder.appendingPathComponent("bin/esphome")
        let ready = folder.appendingPathComponent(".wakesmith-ready")
        if FileManager.default.fileExists(atPath: ready.path) { return executable }
        guard let python else {
            throw Unavailable(description: "no Python ≥ 3.12 found for ESPHome's environment; set WAKESMITH_ESPHOME_PYTHON")
        }
        try? FileManager.default.removeItem(at: folder) // a half-made environment from an interrupted run
        try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        log("installing ESPHome \(release) into \(folder.path) (once)…")
        let venv = Self.run(python, ["-m", "venv", folder.path])
        guard venv.status == 0 else { throw Unavailable(description: "python -m venv failed: \(venv.lastLine)") }
        let pip = Self.run(folder.appendingPathComponent("bin/python").path,
                           ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "esphome==\(release)"])
        guard pip.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw Unavailable(description: "pip install esphome==\(release) failed: \(pip.lastLine)")
        }
        _ = FileManager.default.createFile(atPath: ready.path, contents: Data("ok\n".utf8))
        return executable
    }

    /// Runs `esphome config` on a device YAML using `manifests` (each copied with its .tflite).
    public func judge(manifests: [URL], models: [URL], release: ESPHomeVersion) throws(Unavailable) -> Verdict {
        let executable = try esphome(for: release)
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-esphome-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: project) }
        let folder = project.appendingPathComponent("models")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in manifests + models {
                try FileManager.default.copyItem(at: file, to: folder.appendingPathComponent(file.lastPathComponent))
            }
            let yaml = DeviceYAML.text(manifests: manifests.map(\.lastPathComponent), release: release)
            try Data(yaml.utf8).write(to: project.appendingPathComponent("device.yaml"))
        } catch {
            throw Unavailable(description: "cannot prepare the ESPHome project: \(error.localizedDescription)")
        }
        let result = Self.run(executable.path, ["config", "device.yaml"], directory: project, environment: ["ESPHOME_NO_VENV": "1"])
        return Verdict(accepted: result.status == 0, reason: result.status == 0 ? "Configuration is valid" : result.reason)
    }

    struct Output {
        let status: Int32
        let text: String

        var lastLine: String { text.split(separator: "\n").last.map(String.init) ?? "exit status \(status)" }

        /// The line that says why: ESPHome prints the offending key, or a Python error.
        var reason: String {
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for marker in ["invalid option", "Invalid", "Error", "error", "must be"] {
                if let line = lines.first(where: { $0.contains(marker) && !$0.hasPrefix("INFO") }) { return String(line.prefix(300)) }
            }
            return lines.last.map { String($0.prefix(300)) } ?? "exit status \(status)"
        }
    }

    static func run(_ executable: String, _ arguments: [String], directory: URL? = nil, environment: [String: String] = [:]) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Output(status: -1, text: "cannot run \(executable): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// `$WAKESMITH_ESPHOME_PYTHON`, python3.13/3.12 on PATH, or pyenv's 3.12+.
    static func findPython() -> String? {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["WAKESMITH_ESPHOME_PYTHON"] { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            candidates += ["python3.13", "python3.12"].map { "\(folder)/\($0)" }
        }
        let pyenv = environment["PYENV_ROOT"] ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv").path
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "\(pyenv)/versions")) ?? []
        candidates += versions.filter { $0.hasPrefix("3.12") || $0.hasPrefix("3.13") || $0.hasPrefix("3.14") }.sorted().reversed()
            .map { "\(pyenv)/versions/\($0)/bin/python3" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// The minimal device configuration `esphome config` validates the manifests in (SPEC §7).
enum DeviceYAML {
    static func text(manifests: [String], release: ESPHomeVersion) -> String {
        let models: String
        if release < ReleaseTable.firstV2Release, let first = manifests.first {
            models = "  model: models/\(first)\n" // one model, before 2024.7
        } else {
            models = "  models:\n" + manifests.map { "    - model: models/\($0)\n" }.joined()
        }
        return """
        esphome:
          name: wakesmith-check
        esp32:
          board: esp32-s3-devkitc-1
          framework:
            type: esp-idf
        logger:
        i2s_audio:
          - id: i2s_bus
            i2s_lrclk_pin: GPIO4
            i2s_bclk_pin: GPIO5
        microphone:
          - platform: i2s_audio
            id: mic
            i2s_audio_id: i2s_bus
            i2s_din_pin: GPIO6
            adc_type: external
            pdm: false
            bits_per_sample: 16bit
        micro_wake_word:
          microphone: mic

        """ + models
    }
}
