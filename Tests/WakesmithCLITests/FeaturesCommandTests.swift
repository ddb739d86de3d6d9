#if canImport(Glibc)
import Glibc
#endif
import AudioIO
import Foundation
import Support
import TestSupport
import Testing

/// A dataset folder and config.yaml for `wakesmith features`: tone-burst words, noisy negatives, noise
/// backgrounds, decaying room responses; small clips so a build takes seconds.
enum FeaturesProject {
    static func burst(seconds: Double, frequency: Double, amplitude: Double, seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< Int(seconds * 16000)).map { index in
            let value = amplitude * sin(2 * Double.pi * frequency * Double(index) / 16000) + 0.05 * generator.normal()
            return Int16(max(-32768, min(32767, (value * 32767).rounded())))
        }
    }

    static func make(in folder: URL, files: Int = 12) throws -> String {
        let dataset = folder.appendingPathComponent("dataset")
        func write(_ samples: [Int16], _ relative: String) throws {
            let url = dataset.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AudioFileWriter.write(samples, to: url.path)
        }
        for index in 0 ..< files {
            try write(burst(seconds: 0.5 + 0.03 * Double(index), frequency: 500 + 40 * Double(index), amplitude: 0.5, seed: UInt64(index))
                + [Int16](repeating: 0, count: 4000), "positive/p\(index).wav")
            try write(burst(seconds: 1.0, frequency: 250 + 30 * Double(index), amplitude: 0.3, seed: 100 + UInt64(index)), "negative/n\(index).wav")
        }
        for index in 0 ..< 3 {
            var generator = SeededGenerator(seed: 200 + UInt64(index))
            try write((0 ..< 16000 * 8).map { _ in Int16(max(-32768, min(32767, 1500 * generator.normal()))) }, "background/b\(index).wav")
        }
        var generator = SeededGenerator(seed: 300)
        var taps = (0 ..< 2400).map { Int16(max(-32768, min(32767, 6000 * exp(-Double($0) / 400) * generator.normal()))) }
        taps[0] = 30000
        try write(taps, "rir/r0.wav")
        let config = """
        dataset:
          root: dataset
          splits: {train: 0.6, validation: 0.2, test: 0.2}
        features:
          work_dir: work
          clip_duration_s: 1.5
          slide_frames: {training: 3, validation: 1, testing: 1}
          repetitions: {training: 2, validation: 1, testing: 1}
          ambient_window_s: 2.0
          workers: 2
          augmentation: {seven_band_eq: 0.3, tanh_distortion: 0.3, pitch_shift: 0.3, band_stop: 0.3, color_noise: 0.3}
        """
        let path = folder.appendingPathComponent("config.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every file under `<project>/work/features`, hidden folders (shards, partial stores) left out.
    static func stores(_ project: URL) -> [String: Data] {
        let root = project.appendingPathComponent("work/features").path
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = FileManager.default.contents(atPath: root + "/" + path)
            }
        }
        return files
    }
}

@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct FeaturesCommandTests {
    @Test func buildsThenSkipsUnchangedStores() throws {
        let folder = TemporaryDirectory("features-command")
        let config = try FeaturesProject.make(in: folder.url)
        let executable = try #require(wakesmithExecutable)
        let first = try runProcess(executable, ["features", "--config", config])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("built 11 stores"))
        let stores = FeaturesProject.stores(folder.url)
        #expect(stores.keys.contains("positive/training/spectrograms_mmap/data.ninja"))
        let second = try runProcess(executable, ["features", "--config", config])
        #expect(second.standardOutput.contains("feature stores up to date (11 stores"))
        #expect(FeaturesProject.stores(folder.url) == stores)
        let missing = try runProcess(executable, ["features", "--config", folder.appending("nope.yaml").path])
        #expect(missing.status == 1 && missing.standardError.hasPrefix("error: "))
    }

    /// Kills builds with SIGKILL `kills` times at random moments and lets the last one finish: the stores
    /// equal those of an uninterrupted build. Kill times are drawn within the uninterrupted build's duration;
    /// a run that finishes before its kill starts a fresh chain (its stores are deleted), so every counted
    /// kill interrupts real work and every chain of kills is resumed.
    static func killAndResume(kills: Int, seed: UInt64) throws {
        let executable = try #require(wakesmithExecutable)
        let reference = TemporaryDirectory("features-reference"), victim = TemporaryDirectory("features-killed")
        let referenceConfig = try FeaturesProject.make(in: reference.url)
        let victimConfig = try FeaturesProject.make(in: victim.url)
        let started = Date()
        let clean = try runProcess(executable, ["features", "--config", referenceConfig])
        let duration = Date().timeIntervalSince(started)
        #expect(clean.status == 0, "\(clean.standardError)")
        var generator = SeededGenerator(seed: seed)
        var landed = 0, midWork = 0, attempts = 0
        let features = victim.appending("work/features").path
        while landed < kills, attempts < 4 * kills {
            attempts += 1
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["features", "--config", victimConfig]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(generator.uniform(0.02, 0.9) * duration * 1_000_000))
            guard process.isRunning else {
                process.waitUntilExit()
                try? FileManager.default.removeItem(atPath: victim.appending("work").path)  // a fresh chain
                continue
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            landed += 1
            // Killed while work was under way: shards or a partial store are on disk.
            let entries = (try? FileManager.default.subpathsOfDirectory(atPath: features)) ?? []
            if entries.contains(where: { $0.split(separator: "/").contains { $0.hasPrefix(".") } }) { midWork += 1 }
        }
        print("features kill test: \(landed) kills landed (\(midWork) with shards or a partial store on disk) in \(attempts) runs")
        let finish = try runProcess(executable, ["features", "--config", victimConfig])
        #expect(finish.status == 0, "\(finish.standardError)")
        #expect(landed == kills && midWork > 0, "\(landed) kills landed, \(midWork) during work, in \(attempts) runs")
        let expected = FeaturesProject.stores(reference.url), actual = FeaturesProject.stores(victim.url)
        #expect(expected.count > 40)
        #expect(actual.keys.sorted() == expected.keys.sorted())
        for (path, bytes) in expected { #expect(actual[path] == bytes, "\(path) differs after \(landed) kills") }
        // Nothing half-written is left behind.
        let hidden = (try? FileManager.default.subpathsOfDirectory(atPath: features)) ?? []
        #expect(!hidden.contains { $0.split(separator: "/").contains { $0.hasPrefix(".") } })
    }

    @Test func aKilledBuildResumesToTheSameStores() throws {
        try Self.killAndResume(kills: 2, seed: 1)
    }

    @Test(.enabled(if: slowTestsEnabled, "slow: set WAKESMITH_SLOW_TESTS=1"))
    func tenKillsStillGiveTheSameStores() throws {
        try Self.killAndResume(kills: 10, seed: 2)
    }
}
