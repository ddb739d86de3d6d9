// Fixtures: scripts/fixtures/make_frontend_fixtures.py (pymicro-features on varied clips).
import Foundation
import Frontend
import Support
import TestSupport
import Testing

/// One golden clip: its samples and the frames pymicro-features computed for it.
struct GoldenClip: CustomTestStringConvertible, Sendable {
    let name: String
    let samples: [Int16]
    let frames: [UInt16]
    var testDescription: String { name }

    static let folder = Repository.fixture("FrontendTests", "frontend")

    static func all() throws -> [GoldenClip] {
        let index = try JSONValue(parsing: String(contentsOf: folder.appendingPathComponent("index.json"), encoding: .utf8))
        return try index.keys.map { name in
            let samples: [Int16] = try read(name + ".pcm")
            let frames: [UInt16] = try read(name + ".frames")
            #expect(samples.count == index[name]?["samples"]?.integerValue)
            #expect(frames.count == 40 * (index[name]?["frames"]?.integerValue ?? -1))
            return GoldenClip(name: name, samples: samples, frames: frames)
        }
    }

    private static func read<T: FixedWidthInteger>(_ file: String) throws -> [T] {
        let data = try Data(contentsOf: folder.appendingPathComponent(file))
        return data.withUnsafeBytes { raw in
            (0 ..< data.count / MemoryLayout<T>.size).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }
}

/// Where two frame sequences first differ, for a readable failure.
func firstDifference(_ actual: [UInt16], _ expected: [UInt16]) -> String? {
    if actual == expected { return nil }
    if actual.count != expected.count { return "\(actual.count / 40) frames instead of \(expected.count / 40)" }
    let index = actual.indices.first { actual[$0] != expected[$0] }!
    return "frame \(index / 40) channel \(index % 40): \(actual[index]) instead of \(expected[index])"
}

@Suite struct FrontendGoldenTests {
    @Test func fixturesCoverTheCases() throws {
        let clips = try GoldenClip.all()
        #expect(clips.count >= 20)
        #expect(clips.contains { $0.frames.isEmpty })
        #expect(clips.reduce(0) { $0 + $1.frames.count } > 50000)
    }

    @Test(arguments: try GoldenClip.all())
    func wholeClipMatchesPymicroFeatures(clip: GoldenClip) {
        let spectrogram = MicroFrontend.spectrogram(of: clip.samples)
        #expect(firstDifference(spectrogram.values, clip.frames) == nil)
    }

    @Test(arguments: try GoldenClip.all())
    func anyChunkingGivesTheSameFrames(clip: GoldenClip) {
        let frontend = MicroFrontend()
        var generator = SeededGenerator(seed: 12, stream: UInt64(clip.samples.count))
        for chunking in ["10 ms", "random", "one by one"] {
            frontend.reset()
            var values: [UInt16] = []
            var position = 0
            while position < clip.samples.count {
                let size = switch chunking {
                case "10 ms": 160
                case "random": generator.integer(in: 1 ... 700)
                default: 1
                }
                let end = min(clip.samples.count, position + size)
                values += frontend.process(Array(clip.samples[position ..< end]))
                position = end
            }
            #expect(firstDifference(values, clip.frames) == nil, "\(chunking)")
        }
    }

    @Test func freshStatePerClip() throws {
        let clips = try GoldenClip.all()
        let frontend = MicroFrontend()
        let first = frontend.spectrogram(of: clips[0].samples)
        _ = frontend.spectrogram(of: clips[1].samples)
        #expect(frontend.spectrogram(of: clips[0].samples) == first)
        // Without a reset the noise estimate carries over and the frames differ.
        _ = frontend.process(clips[1].samples)
        #expect(frontend.process(clips[0].samples) != first.values)
    }
}
