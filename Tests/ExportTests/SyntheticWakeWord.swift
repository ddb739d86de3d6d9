import Foundation
import Frontend
import Support
import TestSupport

/// A small world with a learnable wake word, made at test time: the "word" is three voiced syllables with
/// fixed pitch contours (rising, high, falling), spoken at varying pitch, speed and loudness over noise;
/// other audio is random syllables, the first two syllables alone (a near miss), noise and silence.
/// Everything goes through the device frontend, so the features are what the model would really see.
enum SyntheticWakeWord {
    static let sampleRate = 16000.0

    /// One voiced syllable: a pitch glide from `from` to `to` Hz with harmonics and a smooth envelope.
    static func syllable(from: Double, to: Double, seconds: Double, level: Double, into out: inout [Float], at start: Int) {
        let count = Int(seconds * sampleRate)
        var phase = 0.0
        for i in 0 ..< count where start + i < out.count {
            let fraction = Double(i) / Double(count)
            phase += 2 * Double.pi * (from + (to - from) * fraction) / sampleRate
            let envelope = sin(Double.pi * fraction)
            let voice: Double = sin(phase) + 0.5 * sin(2 * phase) + 0.3 * sin(3 * phase) + 0.15 * sin(5 * phase)
            out[start + i] += Float(level * envelope * envelope * voice)
        }
    }

    /// The wake word (or, with `syllables` < 3, a near miss) ending at sample `end`.
    static func word(into out: inout [Float], end: Int, syllables: Int, generator: inout SeededGenerator) {
        let pitch = generator.uniform(0.85, 1.2), speed = generator.uniform(0.85, 1.15), level = generator.uniform(0.05, 0.5)
        let parts: [(Double, Double, Double)] = [(220, 420, 0.22), (520, 560, 0.14), (480, 200, 0.26)]
        let gap = 0.05 * speed
        let total = parts.reduce(0) { $0 + $1.2 * speed } + gap * 2
        var position = end - Int(total * sampleRate)
        for (index, part) in parts.enumerated() where index < syllables {
            syllable(from: part.0 * pitch, to: part.1 * pitch, seconds: part.2 * speed, level: level, into: &out, at: max(position, 0))
            position += Int((part.2 * speed + gap) * sampleRate)
        }
    }

    /// Random syllables (other words), `count` of them from `start`.
    static func babble(into out: inout [Float], start: Int, seconds: Double, generator: inout SeededGenerator) {
        var position = start
        let end = min(out.count, start + Int(seconds * sampleRate))
        while position < end {
            let length = generator.uniform(0.08, 0.3)
            syllable(from: generator.uniform(120, 900), to: generator.uniform(120, 900), seconds: length,
                     level: generator.uniform(0.02, 0.5), into: &out, at: position)
            position += Int((length + generator.uniform(0, 0.25)) * sampleRate)
        }
    }

    static func noise(into out: inout [Float], level: Double, generator: inout SeededGenerator) {
        for i in out.indices { out[i] += Float(generator.uniform(-level, level)) }
    }

    /// A labelled clip of `seconds`: a positive has the word ending 0.2 s before the clip end.
    static func clip(positive: Bool, seconds: Double, seed: UInt64) -> [UInt16] {
        var generator = SeededGenerator(seed: seed, stream: positive ? 1 : 2)
        var out = [Float](repeating: 0, count: Int(seconds * sampleRate))
        noise(into: &out, level: generator.uniform(0.001, 0.03), generator: &generator)
        if positive {
            word(into: &out, end: out.count - Int(0.2 * sampleRate), syllables: 3, generator: &generator)
        } else {
            switch generator.next() % 4 {
            case 0: word(into: &out, end: out.count - Int(generator.uniform(0.1, 0.5) * sampleRate), syllables: 2, generator: &generator)
            case 1: babble(into: &out, start: 0, seconds: seconds, generator: &generator)
            case 2: noise(into: &out, level: generator.uniform(0.05, 0.3), generator: &generator)
            default: babble(into: &out, start: Int(generator.uniform(0, seconds / 2) * sampleRate), seconds: seconds / 2, generator: &generator)
            }
        }
        return MicroFrontend().process(TestSignals.int16(out))
    }

    /// Long background audio without the word: babble, noise, near misses and silence, one frontend.
    static func ambient(seconds: Double, seed: UInt64) -> [UInt16] {
        var generator = SeededGenerator(seed: seed, stream: 3)
        var out = [Float](repeating: 0, count: Int(seconds * sampleRate))
        noise(into: &out, level: 0.005, generator: &generator)
        var position = 0
        while position < out.count {
            let length = generator.uniform(1, 4)
            switch generator.next() % 4 {
            case 0: word(into: &out, end: min(position + Int(length * sampleRate), out.count), syllables: 2, generator: &generator)
            case 1, 2: babble(into: &out, start: position, seconds: length, generator: &generator)
            default: break
            }
            position += Int(length * sampleRate)
        }
        return MicroFrontend().process(TestSignals.int16(out))
    }
}
