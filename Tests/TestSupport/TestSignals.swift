import Foundation
import Support

/// Test audio made at test time (the suite commits no audio it can generate).
public enum TestSignals {
    /// A sine tone, 1.0 = full scale.
    public static func sine(frequency: Double, seconds: Double, sampleRate: Double = 16000, amplitude: Double = 0.5,
                            phase: Double = 0) -> [Float]
    {
        let count = Int(seconds * sampleRate)
        return (0 ..< count).map { Float(amplitude * sin(2 * .pi * frequency * Double($0) / sampleRate + phase)) }
    }

    /// Gaussian white noise with the given RMS, reproducible for a seed.
    public static func whiteNoise(seconds: Double, sampleRate: Double = 16000, rms: Double = 0.1, seed: UInt64 = 1) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< Int(seconds * sampleRate)).map { _ in Float(rms * generator.normal()) }
    }

    /// Float samples as 16-bit PCM (round, clip).
    public static func int16(_ samples: [Float]) -> [Int16] {
        samples.map { Int16(max(-32768, min(32767, ($0 * 32768).rounded()))) }
    }

    /// The dominant frequency of a signal by a direct DFT scan over `candidates` (slow, exact enough for tests).
    public static func dominantFrequency(_ samples: [Float], sampleRate: Double, candidates: StrideThrough<Double>) -> Double {
        var best = (frequency: 0.0, power: -1.0)
        for frequency in candidates {
            var re = 0.0, im = 0.0
            for (n, x) in samples.enumerated() {
                let angle = 2 * .pi * frequency * Double(n) / sampleRate
                re += Double(x) * cos(angle)
                im -= Double(x) * sin(angle)
            }
            let power = re * re + im * im
            if power > best.power { best = (frequency, power) }
        }
        return best.frequency
    }
}
