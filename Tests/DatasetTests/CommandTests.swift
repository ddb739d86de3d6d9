import Config
import Foundation
import Support
import TestSupport
import Testing

/// `wakesmith init`, `validate` and `bench scan` run as users run them: the built executable, its output
/// and exit status.
@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct DataCommandTests {
    func wakesmith(_ arguments: [String], in folder: URL? = nil) throws -> ProcessResult {
        try runProcess(try #require(wakesmithExecutable), arguments, currentDirectory: folder)
    }

    @Test func aCleanDatasetExitsZero() throws {
        let dataset = try TestDataset()
        let result = try wakesmith(["validate", "--dataset", dataset.root.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("all files usable"))
        #expect(result.standardOutput.contains("warning: background/: no audio files"))
        #expect(result.standardOutput.contains("limits from built-in defaults"))
    }

    @Test func everyBadFileIsNamedAndTheExitIsOne() throws {
        let dataset = try TestDataset()
        for bad in BadFile.all { try bad.make(dataset.url("positive/" + bad.name)) }
        try TestAudio.write(Data("notes".utf8), to: dataset.url("positive/notes.txt"))
        let result = try wakesmith(["validate", "--dataset", dataset.root.path])
        #expect(result.status == 1)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        for bad in BadFile.all {
            #expect(lines.contains { $0.hasPrefix("positive/\(bad.name): ") && $0.contains(bad.expected) }, "\(bad.name)")
        }
        #expect(!lines.contains { $0.hasPrefix("positive/good.wav") })
        #expect(lines.contains("positive/notes.txt: ignored (not a .wav or .flac file)"))
        #expect(lines.contains("\(BadFile.all.count) unusable file(s) (4 fixable with `wakesmith validate --fix`)"))
        #expect(!result.standardError.contains("unexpected failure"))
        // The second run answers from the cache and says the same.
        let again = try wakesmith(["validate", "--dataset", dataset.root.path])
        #expect(again.standardOutput == result.standardOutput)
    }

    @Test func fixConvertsCopiesLeavesOriginalsAndThenPasses() throws {
        let dataset = try TestDataset()
        let planted = [
            try TestAudio.writeWAV(dataset.url("positive/rate.wav"), TestAudio.tone(seconds: 1, rate: 44100), rate: 44100),
            try TestAudio.writeWAV(dataset.url("positive/stereo.wav"), TestAudio.tone(seconds: 1).flatMap { [$0, $0] }, channels: 2),
            try TestAudio.writeWAV(dataset.url("negative/pcm24.wav"), TestAudio.tone(seconds: 1), encoding: .pcm24),
        ]
        let originals = try planted.map { try Data(contentsOf: $0) }
        #expect(try wakesmith(["validate", "--dataset", dataset.root.path]).status == 1)
        let fixed = try wakesmith(["validate", "--dataset", dataset.root.path, "--fix"])
        #expect(fixed.status == 0, "\(fixed.standardOutput)")
        #expect(fixed.standardOutput.contains("positive/rate.wav: wrong sample rate: 44100 Hz (needs 16000) -> fixed (converted copy)"))
        #expect(fixed.standardOutput.contains("positive/stereo.wav: not mono: 2 channels -> fixed (converted copy)"))
        #expect(try planted.map { try Data(contentsOf: $0) } == originals)
        #expect(FileManager.default.fileExists(atPath: dataset.url(".wakesmith-cache/converted/positive/rate.wav.wav").path))
        #expect(try wakesmith(["validate", "--dataset", dataset.root.path]).status == 0)  // copies found without --fix
    }

    @Test func fixDoesNotHideUnfixableProblems() throws {
        let dataset = try TestDataset()
        try TestAudio.writeWAV(dataset.url("positive/loud48k.wav"), TestAudio.tone(seconds: 1, rate: 48000, amplitude: 4), rate: 48000)
        let result = try wakesmith(["validate", "--dataset", dataset.root.path, "--fix"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("positive/loud48k.wav: wrong sample rate: 48000 Hz (needs 16000); clipped:"))
        #expect(result.standardOutput.contains("-> format fixed (converted copy)"))
    }

    @Test func missingRequiredKindsAndFoldersAreReported() throws {
        let dataset = try TestDataset()
        try FileManager.default.removeItem(at: dataset.url("negative/good.wav"))
        let empty = try wakesmith(["validate", "--dataset", dataset.root.path])
        #expect(empty.status == 1 && empty.standardOutput.contains("negative/: no audio files (required"))
        let missing = try wakesmith(["validate", "--dataset", dataset.folder.appending("nope").path])
        #expect(missing.status == 1 && missing.standardError.contains("dataset folder not found"))
    }

    @Test func limitsComeFromTheConfiguration() throws {
        let dataset = try TestDataset()
        try TestAudio.writeWAV(dataset.url("positive/long.wav"), TestAudio.tone(seconds: 4))
        try "dataset:\n  root: dataset\n  positive: {min_s: 0.3, max_s: 3.0}\n"
            .write(to: dataset.folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        // config.yaml beside the dataset folder is found without --config.
        let result = try wakesmith(["validate", "--dataset", dataset.root.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("positive/long.wav: too long: 4.0 s (positive allows <= 3 s)"))
        let bad = try wakesmith(["validate", "--config", dataset.folder.appending("nope.yaml").path])
        #expect(bad.status == 1 && bad.standardError.contains("no such configuration file"))
    }

    @Test func initWritesTheLayoutAndRefusesToOverwrite() throws {
        let folder = TemporaryDirectory("init")
        let project = folder.appending("project").path
        let first = try wakesmith(["init", project, "--preset", "standard"])
        #expect(first.status == 0, "\(first.standardError)")
        for kind in ["positive", "negative", "background", "rir"] {
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: "\(project)/dataset/\(kind)", isDirectory: &isDirectory) && isDirectory.boolValue)
        }
        let standard = try String(contentsOf: Repository.root.appendingPathComponent("configs/standard.yaml"), encoding: .utf8)
        #expect(try String(contentsOfFile: project + "/config.yaml", encoding: .utf8) == standard)
        try "# mine\n".write(toFile: project + "/config.yaml", atomically: true, encoding: .utf8)
        let refused = try wakesmith(["init", project])
        #expect(refused.status == 1 && refused.standardError.contains("already exists"))
        #expect(try String(contentsOfFile: project + "/config.yaml", encoding: .utf8) == "# mine\n")
        #expect(try wakesmith(["init", project, "--force"]).status == 0)
        #expect(try String(contentsOfFile: project + "/config.yaml", encoding: .utf8).contains("fast_test"))
        #expect(try wakesmith(["init", project, "--preset", "fast"]).status == 2)
        // The written configuration loads and points at the new dataset folder.
        let config = try wakesmith(["config", "--json", project + "/config.yaml"])
        #expect(try JSONValue(parsing: config.standardOutput)["dataset"]?["root"]?.stringValue == realPath(project) + "/dataset")
        let validate = try wakesmith(["validate"], in: URL(fileURLWithPath: project))
        #expect(validate.status == 1 && validate.standardOutput.contains("positive/: no audio files (required"))
    }

    @Test func benchScanEndsWithFilesPerSecond() throws {
        let result = try wakesmith(["bench", "scan", "--files", "40"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("40 records cold, 40 cache hits cached") })
        #expect(lines.last?.hasSuffix("files/s cached") == true)
    }

    /// Without the Python reference package (it left the repository), `--python` fails in one line that says how to get it.
    @Test func benchScanWithoutTheReferenceSaysWhatToInstall() throws {
        let folder = TemporaryDirectory("bench-scan-python")
        let python = folder.appending("python")  // answers like a Python without the package
        try Data("#!/bin/sh\necho \"ModuleNotFoundError: No module named 'wakesmith'\" >&2\nexit 1\n".utf8).write(to: python)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        let result = try wakesmith(["bench", "scan", "--files", "3", "--python", python.path])
        #expect(result.status == 1)
        let errors = result.standardError.split(separator: "\n")
        #expect(errors.first?.contains("has no Python reference package (wakesmith) to time") == true, "\(result.standardError)")
        #expect(result.standardError.contains("git worktree add"))
        #expect(!result.standardError.contains("unexpected failure"))
    }
}
