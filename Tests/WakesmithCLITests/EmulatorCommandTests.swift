// Fixtures: FrontendTests/frontend/speech_hey_jarvis.pcm (scripts/fixtures/make_frontend_fixtures.py).
import AudioIO
import Foundation
import Support
import TestSupport
import Testing

/// `emulate`, `verify`, `compat` and `bench emulate` through the built executable.
@Suite(.enabled(if: wakesmithExecutable != nil && Repository.referenceModels != nil, "needs the built wakesmith and shared/"))
struct EmulatorCommandTests {
    static func manifest(_ name: String) throws -> String {
        try #require(Repository.referenceModels).appendingPathComponent("\(name).json").path
    }

    @Test func emulateJSONHasTheKeysOfTheSpec() throws {
        let folder = TemporaryDirectory("emulate")
        let pcm = try Data(contentsOf: Repository.fixture("FrontendTests", "frontend/speech_hey_jarvis.pcm"))
        let samples = pcm.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let speech = folder.appending("speech.wav").path, tone = folder.appending("tone.wav").path
        try AudioFileWriter.write(samples + samples, to: speech)
        try AudioFileWriter.write(TestSignals.int16(TestSignals.sine(frequency: 440, seconds: 2)), to: tone)
        let result = try runProcess(try #require(wakesmithExecutable), ["emulate", try Self.manifest("hey_jarvis"), speech, tone, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try JSONValue(parsing: result.standardOutput)
        #expect(document.keys == ["model", "stride", "arena", "files"])
        #expect(document["stride"]?.integerValue == 3)
        #expect(document["arena"]?["host64"]?.integerValue == 20320)
        #expect(document["arena"]?["esp32"]?.integerValue == 15520)
        let files = try #require(document["files"]?.arrayValue)
        #expect(files.map(\.keys) == [["path", "raw", "detections"], ["path", "raw", "detections"]])
        #expect(files.first?["path"]?.stringValue == speech)
        // 30 ms per inference: frames = (samples − 480) / 160 + 1, one inference per 3 frames.
        let frames = (samples.count * 2 - 480) / 160 + 1
        #expect(files.first?["raw"]?.arrayValue?.count == frames / 3)
        #expect(files.last?["detections"]?.arrayValue?.isEmpty == true)
    }

    @Test func emulateRefusesWhatTheDeviceCannotHear() throws {
        let folder = TemporaryDirectory("emulate")
        let wav = folder.appending("44k.wav").path
        try AudioFileWriter.write(TestSignals.int16(TestSignals.sine(frequency: 440, seconds: 1, sampleRate: 44100)), to: wav, sampleRate: 44100)
        let result = try runProcess(try #require(wakesmithExecutable), ["emulate", try Self.manifest("alexa"), wav])
        #expect(result.status == 1)
        #expect(result.standardError.contains("not 16 kHz 16-bit mono"))
        let old = try runProcess(try #require(wakesmithExecutable), ["emulate", try Self.manifest("alexa"), wav, "--esphome", "2024.5.0"])
        #expect(old.status == 1)
        #expect(old.standardError.contains("preprocessor model"))
    }

    @Test func verifyExitStatusAndOneLinePerProblem() throws {
        let executable = try #require(wakesmithExecutable)
        let good = try runProcess(executable, ["verify", try Self.manifest("okay_nabu"), try Self.manifest("alexa")])
        #expect(good.status == 0, "\(good.standardOutput)")
        #expect(good.standardOutput.contains("all 2 models will load together"))
        let folder = TemporaryDirectory("verify")
        let text = try String(contentsOfFile: try Self.manifest("alexa"), encoding: .utf8)
            .replacingOccurrences(of: "\"version\": 2,", with: "\"version\": 2, \"comment\": \"x\",")
        try text.write(to: folder.appending("alexa.json"), atomically: true, encoding: .utf8)
        let bad = try runProcess(executable, ["verify", folder.appending("alexa.json").path])
        #expect(bad.status == 1)
        let failures = bad.standardOutput.split(separator: "\n").filter { $0.contains("FAIL") }
        #expect(failures.contains { $0.contains("comment: extra key") }, "\(bad.standardOutput)")
        let json = try runProcess(executable, ["verify", try Self.manifest("okay_nabu"), "--json"])
        #expect(try JSONValue(parsing: json.standardOutput)["ok"] == .bool(true))
    }

    @Test func compatPrintsTheMatrix() throws {
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["compat", try Self.manifest("okay_nabu"), try Self.manifest("hey_jarvis"), "--esphome", "2024.6.0,2024.7.0,2026.6.0"])
        #expect(result.status == 1) // 2024.6 reads no V2 manifest
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("2024.6.0") == true && lines.first?.contains("2026.6.0") == true)
        #expect(lines.contains { $0.hasPrefix("okay_nabu.json") && $0.contains("NO") && $0.contains("ok") })
        #expect(lines.contains { $0.contains("okay_nabu.json on 2024.6.0") && $0.contains("SPLIT_V") } || lines.contains { $0.contains("okay_nabu.json on 2024.6.0") })
    }

    @Test func benchEmulateEndsWithTheRate() throws {
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["bench", "emulate", "--model", try Self.manifest("hey_jarvis"), "--inferences", "200", "--audio-seconds", "60"],
                                    environment: ["WAKESMITH_PYTHON": "/nonexistent"])
        #expect(result.status == 0, "\(result.standardError)")
        let last = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" inferences/s") && Int(last.split(separator: " ").first ?? "") != nil, "\(last)")
    }
}
