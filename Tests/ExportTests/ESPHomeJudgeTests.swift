import ESPHome
import Foundation
import Support
import Testing
import TestSupport
import Verification
@testable import Export

/// ESPHome itself judges the exported manifest (SPEC §7): `esphome config` on a minimal ESP32-S3 device with
/// the model, offline, through `Verification.ESPHomeJudge`. Slow, and needs an ESPHome environment: the
/// judge's own cache (`wakesmith compat --judge` fills it), or the one at `$WAKESMITH_ESPHOME_VENV` /
/// ~/.cache/wakesmith/esphome-venv, whichever release it holds.
@Suite struct ESPHomeJudgeTests {
    /// A judge and the release it can run without installing anything, or nil.
    static func installedJudge() -> (ESPHomeJudge, ESPHomeVersion)? {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["HOME"] ?? NSHomeDirectory()
        let judge = ESPHomeJudge()
        if FileManager.default.fileExists(atPath: judge.cache.appendingPathComponent("\(ReleaseTable.defaultRelease)/.wakesmith-ready").path) {
            return (judge, ReleaseTable.defaultRelease)
        }
        let venv = environment["WAKESMITH_ESPHOME_VENV"] ?? home + "/.cache/wakesmith/esphome-venv"
        guard FileManager.default.fileExists(atPath: venv + "/.wakesmith-ready"),
              let result = try? runProcess(venv + "/bin/esphome", ["version"]), result.status == 0,
              let line = (result.standardOutput + result.standardError).split(separator: "\n").last(where: { $0.contains("Version") }),
              let release = ESPHomeVersion(line.replacingOccurrences(of: "Version: ", with: "").trimmingCharacters(in: .whitespaces))
        else { return nil }
        // A cache folder of our own whose entry for that release is the existing environment.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-judge-cache-\(getpid())")
        try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try? FileManager.default.createSymbolicLink(atPath: cache.appendingPathComponent(release.description).path,
                                                    withDestinationPath: venv)
        return (ESPHomeJudge(cache: cache), release)
    }

    @Test(.enabled(if: slowTestsEnabled, "slow: runs esphome config"))
    func esphomeConfigAcceptsTheExportedManifest() throws {
        guard let (judge, release) = Self.installedJudge() else {
            Issue.record("no ESPHome environment: run `wakesmith compat --judge` or `bash scripts/install-esphome.sh` once, or set WAKESMITH_ESPHOME_VENV")
            return
        }
        defer {
            if judge.cache.path.hasPrefix(FileManager.default.temporaryDirectory.path) { try? FileManager.default.removeItem(at: judge.cache) }
        }
        let exported = try ExporterTests.export(agreementClips: 0)
        let manifest = URL(fileURLWithPath: exported.result.manifestPath), model = URL(fileURLWithPath: exported.result.modelPath)
        let verdict = try judge.judge(manifests: [manifest], models: [model], release: release)
        #expect(verdict.accepted, "esphome \(release) config rejects it: \(verdict.reason)")

        // The judge can fail: one extra key in the manifest and ESPHome refuses the whole configuration.
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try text.replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 2,\n  \"calibration\": 1,")
            .write(to: manifest, atomically: true, encoding: .utf8)
        #expect(!(try judge.judge(manifests: [manifest], models: [model], release: release)).accepted)
    }
}
