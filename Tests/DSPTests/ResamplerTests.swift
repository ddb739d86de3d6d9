import DSP
import TestSupport
import Testing

@Suite struct ResamplerTests {
    @Test func keepsFrequencyAndLength() throws {
        let tone = TestSignals.sine(frequency: 1000, seconds: 1, sampleRate: 44100)
        let out = try Resampler.resample(tone, from: 44100, to: 16000)
        #expect(abs(out.count - 16000) <= 1)
        let middle = Array(out[4000 ..< 8000])
        #expect(TestSignals.dominantFrequency(middle, sampleRate: 16000, candidates: stride(from: 900, through: 1100, by: 5)) == 1000)
        let rms = (middle.map { $0 * $0 }.reduce(0, +) / Float(middle.count)).squareRoot()
        #expect(abs(Double(rms) - 0.5 / 2.0.squareRoot()) < 0.01)
    }

    @Test func streamingEqualsOneShot() throws {
        let noise = TestSignals.whiteNoise(seconds: 1, sampleRate: 48000)
        let whole = try Resampler.resample(noise, from: 48000, to: 16000)
        let streaming = try Resampler(from: 48000, to: 16000)
        var pieces: [Float] = []
        var start = 0
        for size in [1, 999, 4096, 17, 30000] {
            let end = min(noise.count, start + size)
            pieces += streaming.process(Array(noise[start ..< end]))
            start = end
        }
        pieces += streaming.process(Array(noise[start...])) + streaming.finish()
        #expect(pieces.count == whole.count)
        #expect(zip(pieces, whole).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func removesContentAboveTheNewNyquist() throws {
        let tone = TestSignals.sine(frequency: 12000, seconds: 0.5, sampleRate: 48000)
        let out = try Resampler.resample(tone, from: 48000, to: 16000)
        let rms = (out[1000 ..< 7000].map { $0 * $0 }.reduce(0, +) / 6000).squareRoot()
        #expect(rms < 1e-3)
    }
}
