import Foundation
import Frontend
import Support
import TestSupport
import Testing

/// Random audio through pymicro-features (the Python oracle) and through `MicroFrontend`: every value equal.
@Suite(.enabled(if: oraclePython != nil, "needs the Python oracle (.venv with pymicro-features)"))
struct FrontendOracleTests {
    /// A random clip mixing tones, noise, silence, clipping and offsets, different for every seed.
    static func randomClip(seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed)
        let count = generator.integer(in: 300 ... 24000)
        var samples = [Double](repeating: 0, count: count)
        for _ in 0 ..< generator.integer(in: 1 ... 4) {
            let start = generator.integer(in: 0 ..< count), end = generator.integer(in: start ... count)
            let amplitude = 32768 * pow(10, generator.uniform(-4, 0.5))
            let frequency = generator.uniform(20, 7990), offset = generator.uniform(-0.3, 0.3) * 32768
            let noisy = generator.chance(0.5)
            for index in start ..< end {
                let tone = sin(2 * .pi * frequency * Double(index) / 16000)
                samples[index] += offset + amplitude * (noisy ? generator.normal() : tone)
            }
        }
        return samples.map { Int16(max(-32768, min(32767, $0.rounded()))) }
    }

    @Test func randomClipsMatchPymicroFeatures() throws {
        let folder = TemporaryDirectory("oracle")
        let clips = (0 ..< 12).map { Self.randomClip(seed: 1000 + UInt64($0)) }
        for (index, clip) in clips.enumerated() {
            try clip.withUnsafeBytes { try Data($0).write(to: folder.appending("\(index).pcm")) }
        }
        let script = """
        import sys, numpy as np
        from micro_features_cpp import create_frontend, process_samples
        for path in sys.argv[1:]:
            audio = np.fromfile(path, '<i2'); handle = create_frontend(); rows = []
            for start in range(0, audio.size - 159, 160):
                features, _ = process_samples(handle, audio[start:start + 160].tobytes())
                if features: rows.append(features)
            raw = np.rint(np.asarray(rows, np.float64).reshape(-1, 40) * 25.6).astype('<u2')
            raw.tofile(path + '.frames')
        """
        let paths = clips.indices.map { folder.appending("\($0).pcm").path }
        let result = try runProcess(try #require(oraclePython), ["-c", script] + paths)
        #expect(result.status == 0, "\(result.standardError)")
        for (index, clip) in clips.enumerated() {
            let data = try Data(contentsOf: folder.appending("\(index).pcm.frames"))
            let expected = data.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }
            let actual = MicroFrontend.spectrogram(of: clip).values
            #expect(firstDifference(actual, expected) == nil, "clip \(index) (\(clip.count) samples)")
        }
    }
}
