import Foundation
import Support
import Testing
@testable import Dataset

/// Band power of a signal by a Hann-windowed DFT at the given frequencies, averaged over 1024-sample segments.
func bandPower(_ samples: [Float], frequencies: [Double], rate: Double = 16000) -> Double {
    let length = 1024
    var total = 0.0, segments = 0
    for start in stride(from: 0, to: samples.count - length, by: length) {
        for frequency in frequencies {
            var re = 0.0, im = 0.0
            for n in 0 ..< length {
                let window = 0.5 - 0.5 * cos(2 * Double.pi * Double(n) / Double(length))
                let angle = 2 * Double.pi * frequency * Double(n) / rate
                re += window * Double(samples[start + n]) * cos(angle)
                im -= window * Double(samples[start + n]) * sin(angle)
            }
            total += re * re + im * im
        }
        segments += 1
    }
    return total / Double(segments * frequencies.count)
}

@Suite struct SignalTests {
    @Test func trimKeepsTheMarginAndPadReachesTheMinimum() {
        var speech = [Float](repeating: 0, count: 16000)
        for index in 6080 ..< 9120 { speech[index] = 0.5 } // on 10 ms frame boundaries
        let trimmed = ClipShaping.trimSilence(speech, margin: 0.05)
        #expect(trimmed.count == 3040 + 2 * 800 && trimmed[..<800].allSatisfy { $0 == 0 } && trimmed[800] == 0.5)
        #expect(ClipShaping.trimSilence(Array(speech[6080 ..< 9120]), margin: 0.05).count == 3040 + 2 * 800) // margin added
        #expect(ClipShaping.padded(trimmed, toSeconds: 0.5).count == 8000)
        #expect(ClipShaping.withPeak([0.1, -0.2], dbfs: -6).map { abs($0) }.max()! == Float(pow(10, -6.0 / 20)))
        #expect(abs(ClipShaping.rms(ClipShaping.withRMS([0.1, -0.3, 0.2], dbfs: -20)) - 0.1) < 1e-6)
        #expect(ClipShaping.limitingPeak([0.5, 2], dbfs: -1).max()! == Float(pow(10, -1.0 / 20)))
        #expect(ClipShaping.limitingPeak([0.5, 0.1], dbfs: -1) == [0.5, 0.1])
    }

    @Test func noiseColoursHaveUnitLevelAndTheirSlopes() {
        var generator = SeededGenerator(seed: 3)
        var ratios: [NoiseColor: Double] = [:]
        let low = stride(from: 150.0, through: 450, by: 25).map { $0 }, high = stride(from: 1500.0, through: 4500, by: 250).map { $0 }
        for color in NoiseColor.allCases {
            let noise = color.samples(48000, using: &generator)
            #expect(abs(ClipShaping.rms(noise) - 1) < 1e-3)
            #expect(abs(noise.reduce(0) { $0 + Double($1) } / Double(noise.count)) < 1e-6)
            // A decade (300 Hz → 3 kHz): white 0, pink −10, brown −20, blue +10 dB.
            ratios[color] = 10 * log10(bandPower(noise, frequencies: high) / bandPower(noise, frequencies: low))
        }
        #expect(abs(ratios[.white]!) < 1.5)
        #expect(abs(ratios[.pink]! + 10) < 2.5)
        #expect(abs(ratios[.brown]! + 20) < 2.5)
        #expect(abs(ratios[.blue]! - 10) < 2.5)
        var again = SeededGenerator(seed: 3)
        var first = SeededGenerator(seed: 3)
        #expect(NoiseColor.pink.samples(100, using: &again) == NoiseColor.pink.samples(100, using: &first))
    }

    @Test func babbleLoopsEachStreamFromItsOffset() {
        #expect(Babble.looped([1, 2, 3], count: 7, offset: 2) == [3, 1, 2, 3, 1, 2, 3])
        #expect(Babble.looped([], count: 2, offset: 5) == [0, 0])
        let mixed = Babble.mix([[1, -1], [0.5, 0.5, -0.5]], gainsDB: [0, -20], count: 4, offsets: [1, 0])
        #expect(mixed.count == 4 && abs(mixed[0] - (-1 + 0.1)) < 1e-6)
    }

    @Test func syntheticResponseHasItsLengthAndPeak() {
        var generator = SeededGenerator(seed: 1)
        let response = SyntheticImpulseResponse.make(rt60: 0.4, using: &generator)
        #expect(response.count == Int((0.4 * 1.2 * 16000).rounded()))
        let magnitudes = response.map(abs)
        #expect(magnitudes.firstIndex(of: magnitudes.max()!)! < 1300)
        #expect(abs(magnitudes.max()! - 0.9) < 1e-6)
    }

    @Test func preparedResponseStartsAtTheDirectSoundAndNormalises() throws {
        var response = [Float](repeating: 0, count: 16000)
        response[1600] = 0.2 // 100 ms pre-delay
        var generator = SeededGenerator(seed: 0)
        for index in 1600 ..< 3200 { response[index] += Float(0.05 * exp(-Double(index - 1600) / 180) * generator.normal()) }
        let prepared = try #require(ImpulseResponse.prepared(response))
        let magnitudes = prepared.map { abs(Int($0)) }
        #expect(magnitudes.firstIndex(of: magnitudes.max()!)! < 32)
        #expect(abs(Double(magnitudes.max()!) - 0.9 * 32768) < 2)
        #expect(prepared.count < Int(0.12 * 16000))
        #expect(ImpulseResponse.prepared([Float](repeating: 0, count: 100)) == nil)
    }
}
