import AudioIO
import Dataset
import Features
import Foundation
import Support
import TestSupport

/// A few generated files of every kind and split (made at test time): tone-burst "words" with trailing
/// silence, noisy negatives, noise backgrounds, decaying impulse responses.
enum TinyDataset {
    static func write(_ samples: [Int16], _ relative: String, kind: SampleKind, split: Split, root: URL) throws -> SourceFile {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AudioFileWriter.write(samples, to: url.path)
        let hash = BLAKE2b.hexDigest(samples.map(String.init).joined(separator: ","), digestLength: 8)
        return SourceFile(path: url.path, relativePath: relative, kind: kind, split: split, contentHash: hash,
                          durationSeconds: Double(samples.count) / 16000)
    }

    static func burst(seconds: Double, frequency: Double, amplitude: Double = 0.5, seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< Int(seconds * 16000)).map { index in
            let value = amplitude * sin(2 * Double.pi * frequency * Double(index) / 16000) + 0.05 * generator.normal()
            return Int16(max(-32768, min(32767, (value * 32767).rounded())))
        }
    }

    static func make(in root: URL) throws -> [SourceFile] {
        var files: [SourceFile] = []
        let splits: [Split] = [.train, .train, .validation, .test]
        for index in 0 ..< 4 {
            let word = burst(seconds: 0.5 + 0.1 * Double(index), frequency: 600 + 100 * Double(index), seed: UInt64(index)) + [Int16](repeating: 0, count: 4000)
            files.append(try write(word, "positive/p\(index).wav", kind: .positive, split: splits[index], root: root))
        }
        for index in 0 ..< 3 {
            files.append(try write(burst(seconds: 1.2, frequency: 300 + 50 * Double(index), amplitude: 0.3, seed: 10 + UInt64(index)),
                                   "negative/n\(index).wav", kind: .negative, split: splits[index], root: root))
        }
        for (index, split) in [Split.train, .validation, .test].enumerated() {
            var generator = SeededGenerator(seed: 20 + UInt64(index))
            let noise = (0 ..< 16000 * 6).map { _ in Int16(max(-32768, min(32767, 2000 * generator.normal()))) }
            files.append(try write(noise, "background/b\(index).wav", kind: .background, split: split, root: root))
        }
        for index in 0 ..< 2 {
            var generator = SeededGenerator(seed: 30 + UInt64(index))
            var taps = (0 ..< 3200).map { Double($0) }.map { exp(-$0 / 480) * generator.normal() / 4 }
            taps[0] = 0.75
            files.append(try write(taps.map { Int16(max(-32768, min(32767, $0 * 32767))) }, "rir/r\(index).wav", kind: .rir, split: .train, root: root))
        }
        return files
    }

    /// Small clips and stores for fast tests.
    static func settings(work: String) -> FeatureBuildSettings {
        var settings = FeatureBuildSettings()
        settings.workDirectory = work
        settings.clipDurationSeconds = 1.5
        settings.slideFrames = ["training": 3, "validation": 1, "testing": 1]
        settings.repetitions = ["training": 2, "validation": 1, "testing": 1]
        settings.ambientWindowSeconds = 2
        settings.workers = 2
        return settings
    }
}
