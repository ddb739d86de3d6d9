import DSP
import Foundation
import Support

/// Power spectra for tests: Welch's method (Hann frames of 1024, half overlap), in Double.
enum Spectrum {
    static let frameLength = 1024

    /// Average power per bin (frameLength / 2 + 1 bins, bin k at k · rate / 1024 Hz).
    static func power(_ signal: [Float]) -> [Double] {
        let fft = RealFFT(count: frameLength)
        let window = (0 ..< frameLength).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(frameLength))) }
        var sum = [Double](repeating: 0, count: fft.binCount)
        var frames = 0
        var start = 0
        while start + frameLength <= signal.count {
            let frame = (0 ..< frameLength).map { signal[start + $0] * window[$0] }
            let (re, im) = fft.forward(frame)
            for k in sum.indices { sum[k] += Double(re[k] * re[k] + im[k] * im[k]) }
            frames += 1
            start += frameLength / 2
        }
        return sum.map { $0 / Double(max(frames, 1)) }
    }

    /// Gain in dB of `output` over `input` around `frequency` (average power over ±`width` bins).
    static func gain(input: [Double], output: [Double], at frequency: Double, sampleRate: Double = 16000, width: Int = 2) -> Double {
        let centre = Int((frequency / sampleRate * Double(frameLength)).rounded())
        let range = max(1, centre - width) ... min(input.count - 1, centre + width)
        let inside = range.reduce(0.0) { $0 + output[$1] } / range.reduce(0.0) { $0 + input[$1] }
        return 10 * log10(inside)
    }

    static func whiteNoise(seconds: Double = 4, seed: UInt64 = 9, rms: Double = 0.1) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0 ..< Int(seconds * 16000)).map { _ in Float(rms * generator.normal()) }
    }

    static func tone(_ frequency: Double, seconds: Double = 1, amplitude: Double = 0.3) -> [Float] {
        (0 ..< Int(seconds * 16000)).map { Float(amplitude * sin(2 * Double.pi * frequency * Double($0) / 16000)) }
    }

    static func snr(clean: [Float], mixed: [Float]) -> Double {
        let noise = zip(mixed, clean).map { $0 - $1 }
        return 20 * log10(SignalLevel.rms(clean) / SignalLevel.rms(noise))
    }
}
