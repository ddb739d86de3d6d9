import Foundation

/// External programs wakesmith drives where they are the real tool: TTS engines for `synth`, apt for
/// `data fetch`, ESPHome for the device and the manifest judge.
enum ProgramChecks {
    /// The full path of `name` on the PATH, or nil.
    static func locate(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        for folder in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func all() -> [DoctorCheck] {
        var checks: [DoctorCheck] = []
        let espeak = locate("espeak-ng")
        checks.append(.required("espeak-ng", passed: espeak != nil, found: espeak ?? "not on PATH",
                                fix: "sudo apt-get install espeak-ng   (the voice engine `synth` always uses)"))
        for (name, purpose, package) in [
            ("festival", "more synth voices", "festival"),
            ("mbrola", "more synth voices with espeak-ng", "mbrola mbrola-us1 (contrib)"),
            ("piper", "neural synth voices", "pipx install piper-tts"),
        ] {
            let found = locate(name)
            checks.append(.optional(name, passed: found != nil, found: found ?? "not on PATH",
                                    fix: "\(purpose): \(package.hasPrefix("pipx") ? package : "sudo apt-get install \(package)")"))
        }
        let aptReady = locate("apt-get") != nil && locate("dpkg-deb") != nil
        checks.append(.optional("apt-get, dpkg-deb", passed: aptReady, found: aptReady ? "found" : "missing",
                                fix: "`data fetch` downloads Debian packages: run it on Debian or Ubuntu"))
        let swift = locate("swift")
        checks.append(.optional("swift", passed: swift != nil, found: swift ?? "not on PATH",
                                fix: "only needed to rebuild wakesmith: https://www.swift.org/install/linux/"))
        return checks
    }
}
