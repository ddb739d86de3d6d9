import AudioIO
import Foundation
@testable import Pipeline
import Support
import TestSupport
import Testing

/// The real recordings dealt into the demo's ambient audio: a few minutes per source at most, each recording
/// once, spread over the files, the same for the same seed.
struct AmbientRecordingsTests {
    /// `seconds` of a `hertz` tone at 16 kHz in `path` (folders made).
    static func writeTone(_ path: String, seconds: Double, hertz: Double = 440) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let samples = (0 ..< Int(seconds * 16000)).map { Int16(8000 * sin(2 * Double.pi * hertz * Double($0) / 16000)) }
        try AudioFileWriter.write(samples, to: path)
    }

    static func fetchedFolder() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory("ambient-recordings")
        for index in 0 ..< 3 { try writeTone(folder.path + "/negative/speech-pkg/talk-\(index).wav", seconds: 100) }
        try writeTone(folder.path + "/background/music-pkg/long.wav", seconds: 400)
        try writeTone(folder.path + "/background/music-pkg/notes.txt.wav.txt", seconds: 1) // not a .wav name
        return folder
    }

    @Test func takesAtMostTheShareOfEachSourceAndDealsEachRecordingOnce() throws {
        let folder = try Self.fetchedFolder()
        let pool = try AmbientRecordings(folder: folder.path, minutesPerSource: 4, seed: 1)
        let bySource = Dictionary(grouping: pool.recordings, by: \.source).mapValues { $0.reduce(0) { $0 + $1.seconds } }
        #expect(bySource == ["speech-pkg": 240, "music-pkg": 240])
        #expect(pool.sources == 2 && pool.seconds == 480)
        #expect(pool.recordings.filter { $0.source == "speech-pkg" }.count == 3, "100 + 100 + the first 40 s of the third")
        #expect(pool.recordings.allSatisfy { $0.path.hasSuffix(".wav") })

        let files = 7
        let dealt = (0 ..< files).flatMap { pool.recordings(forFile: $0, of: files) }
        #expect(dealt.count == pool.recordings.count)
        #expect(Set(dealt.map(\.path)).count == pool.recordings.count, "no recording is used twice")
        #expect(pool.recordings(forFile: files, of: files).isEmpty)

        let again = try AmbientRecordings(folder: folder.path, minutesPerSource: 4, seed: 1)
        #expect(again == pool)
        let samples = try AmbientRecordings.samples(of: try #require(pool.recordings.first { $0.source == "music-pkg" }))
        #expect(samples.count == 240 * 16000, "a recording longer than the share is cut to it")
    }

    @Test func anEmptyOrMissingFolderGivesNoRecordings() throws {
        let pool = try AmbientRecordings(folder: TemporaryDirectory("no-recordings").path + "/absent", seed: 0)
        #expect(pool.recordings.isEmpty && pool.seconds == 0)
        #expect(pool.recordings(forFile: 0, of: 3).isEmpty)
    }
}
