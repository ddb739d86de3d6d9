import Features
import Foundation
import Frontend
import Support
import TestSupport

/// Audio made at test time and its device frontend features: tones gliding in pitch with a syllable-like
/// loudness envelope, noise bursts and quiet gaps, at levels from whisper to shout, so the features span
/// the range the frontend produces.
enum TestAudio {
    /// `seconds` of 16 kHz audio from `seed`.
    static func samples(seconds: Double, seed: UInt64) -> [Int16] {
        var generator = SeededGenerator(seed: seed, stream: 0xA0D10)
        let count = Int(seconds * 16000)
        var out = [Float](repeating: 0, count: count)
        var position = 0
        while position < count {
            let length = min(Int(generator.uniform(0.2, 1.2) * 16000), count - position)
            let level = Float(generator.uniform(0.005, 0.6))
            let kind = Int(generator.next() % 3)
            let start = generator.uniform(120, 900), end = generator.uniform(120, 900)
            let syllable = generator.uniform(3, 8)
            var phase = 0.0
            for i in 0 ..< length {
                let t = Double(i) / 16000, fraction = Double(i) / Double(max(length, 1))
                let swing: Double = cos(2 * Double.pi * syllable * t)
                let envelope = Float(0.5 - 0.5 * swing) * level
                switch kind {
                case 0:
                    phase += 2 * Double.pi * (start + (end - start) * fraction) / 16000
                    let tone: Double = sin(phase) + 0.4 * sin(2.7 * phase) + 0.2 * sin(5.1 * phase)
                    out[position + i] = envelope * Float(tone)
                case 1:
                    out[position + i] = envelope * Float(generator.uniform(-1, 1))
                default:
                    out[position + i] = Float(generator.uniform(-1, 1)) * 0.002
                }
            }
            position += length
        }
        return TestSignals.int16(out)
    }

    /// Frontend features (raw) of `seconds` of audio, one clip per `clipSeconds`, each from a fresh frontend.
    static func clips(count: Int, seconds: Double, seed: UInt64) -> [[UInt16]] {
        (0 ..< count).map { MicroFrontend().process(samples(seconds: seconds, seed: seed &+ UInt64($0))) }
    }

    /// Writes `clips` as the feature store `<work>/features/<set>/<split>`.
    static func writeStore(work: String, set: String, split: String, clips: [[UInt16]]) throws {
        let writer = try FeatureStoreWriter(splitFolder: FeatureStoreLayout.splitFolder(work: work, set: set, split: split))
        for clip in clips { try writer.append(Spectrogram(values: clip)) }
        _ = try writer.commit([])
    }
}
