// Fixtures: scripts/fixtures/make_frontend_fixtures.py (pymicro-features frames of committed clips).
import AudioIO
import Foundation
import Support
import TestSupport
import Testing

@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct FrontendCommandTests {
    static func fixture(_ name: String) throws -> (samples: [Int16], frames: [[UInt16]]) {
        let folder = Repository.fixture("FrontendTests", "frontend")
        let pcm = try Data(contentsOf: folder.appendingPathComponent(name + ".pcm"))
        let raw = try Data(contentsOf: folder.appendingPathComponent(name + ".frames"))
        let samples = pcm.withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        let values = raw.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }
        return (samples, stride(from: 0, to: values.count, by: 40).map { Array(values[$0 ..< $0 + 40]) })
    }

    @Test(arguments: ["speech_hey_jarvis", "short_639", "short_300"])
    func jsonFramesArePymicroFeatures(name: String) throws {
        let folder = TemporaryDirectory("frontend-command")
        let (samples, expected) = try Self.fixture(name)
        let wav = folder.appending("\(name).wav").path
        try AudioFileWriter.write(samples, to: wav)
        let result = try runProcess(try #require(wakesmithExecutable), ["frontend", wav, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let document = try JSONValue(parsing: result.standardOutput)
        #expect(document.keys == ["frames"])
        let frames = try #require(document["frames"]?.arrayValue).map { row in
            (row.arrayValue ?? []).map { UInt16($0.integerValue ?? -1) }
        }
        #expect(frames == expected)
    }

    @Test func summaryAndRefusals() throws {
        let folder = TemporaryDirectory("frontend-command")
        let wav = folder.appending("tone.wav").path
        try AudioFileWriter.write(TestSignals.int16(TestSignals.sine(frequency: 440, seconds: 1)), to: wav)
        let executable = try #require(wakesmithExecutable)
        let summary = try runProcess(executable, ["frontend", wav])
        #expect(summary.status == 0)
        #expect(summary.standardOutput.contains("98 frames × 40 channels"))

        let stereo = folder.appending("stereo.wav").path
        let writer = try AudioFileWriter(path: stereo, channels: 2)
        try writer.write([Int16](repeating: 100, count: 3200))
        try writer.commit()
        let refused = try runProcess(executable, ["frontend", stereo, "--json"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("not 16 kHz 16-bit mono"))
        #expect(refused.standardOutput.isEmpty)

        let missing = try runProcess(executable, ["frontend", folder.appending("nothing.wav").path])
        #expect(missing.status == 1)
        #expect(missing.standardError.hasPrefix("error: "))
    }
}
