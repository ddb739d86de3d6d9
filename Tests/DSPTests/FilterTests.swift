import DSP
import Foundation
import Support
import Testing

/// The gain (dB) a filter gives a steady sine, measured on the second half of the output.
func measuredGain(_ cascade: BiquadCascade, frequency: Double, sampleRate: Double = 16000) -> Double {
    let input = (0 ..< 16000).map { Float(0.25 * sin(2 * Double.pi * frequency * Double($0) / sampleRate)) }
    var output = input
    cascade.filter(&output, steadyStart: false)
    let tail = { (x: [Float]) in Array(x[8000...]) }
    return SignalLevel.decibels(amplitude: SignalLevel.rms(tail(output)) / SignalLevel.rms(tail(input)))
}

@Suite struct FilterTests {
    @Test func peakingAndShelvesHitTheirGains() {
        let peak = Biquad.peaking(frequency: 1000, gainDecibels: 6, q: 1.5, sampleRate: 16000)
        #expect(abs(SignalLevel.decibels(amplitude: peak.magnitude(at: 1000, sampleRate: 16000)) - 6) < 1e-9)
        #expect(abs(measuredGain(BiquadCascade([peak]), frequency: 1000) - 6) < 0.05)
        #expect(abs(measuredGain(BiquadCascade([peak]), frequency: 7000)) < 0.2)
        let low = Biquad.lowShelf(frequency: 200, gainDecibels: -9, q: 0.7, sampleRate: 16000)
        #expect(abs(SignalLevel.decibels(amplitude: low.dcGain) + 9) < 1e-9)
        #expect(abs(measuredGain(BiquadCascade([low]), frequency: 30) + 9) < 0.2)
        #expect(abs(measuredGain(BiquadCascade([low]), frequency: 5000)) < 0.1)
        let high = Biquad.highShelf(frequency: 3000, gainDecibels: 5, q: 0.7, sampleRate: 16000)
        #expect(abs(SignalLevel.decibels(amplitude: high.magnitude(at: 7999, sampleRate: 16000)) - 5) < 0.01)
        #expect(abs(SignalLevel.decibels(amplitude: high.dcGain)) < 1e-9)
    }

    /// Golden values from scipy: `sosfreqz(butter(order, [lo, hi], 'bandstop', fs=16000, output='sos'))` in dB
    /// at 100 Hz, lo, √(lo·hi), hi and 7000 Hz.
    @Test(arguments: [
        (2, 300.0, 900.0, [-0.0125, -3.0103, -95.8247, -3.0103, 0.0]),
        (3, 1000.0, 3000.0, [0.0, -3.0103, -79.9911, -3.0103, 0.0]),
        (4, 150.0, 7900.0, [-0.1656, -3.0103, -70.4747, -3.0103, -82.5521]),
    ])
    func bandStopMatchesScipy(order: Int, lower: Double, upper: Double, expected: [Double]) {
        let cascade = Butterworth.bandStop(order: order, lower: lower, upper: upper, sampleRate: 16000)
        #expect(cascade.sections.count == order)
        for (frequency, decibels) in zip([100, lower, (lower * upper).squareRoot(), upper, 7000], expected) {
            let actual = SignalLevel.decibels(amplitude: cascade.magnitude(at: frequency, sampleRate: 16000))
            #expect(abs(actual - decibels) < (decibels < -40 ? 0.5 : 1e-3), "\(frequency) Hz: \(actual) dB")
        }
        #expect(measuredGain(cascade, frequency: (lower * upper).squareRoot()) < -40)
    }

    @Test func steadyStartHasNoTransientForAConstantInput() {
        let cascade = Butterworth.bandStop(order: 2, lower: 300, upper: 900, sampleRate: 16000)
        var constant = [Float](repeating: 0.5, count: 2000)
        cascade.filter(&constant)
        let dc = Float(cascade.sections.reduce(1) { $0 * $1.dcGain })
        #expect(constant.allSatisfy { abs($0 - 0.5 * dc) < 1e-5 })
    }
}

@Suite struct TimeAndPitchTests {
    static func tone(_ frequency: Double, seconds: Double = 1.0) -> [Float] {
        (0 ..< Int(seconds * 16000)).map { Float(0.5 * sin(2 * Double.pi * frequency * Double($0) / 16000)) }
    }

    /// The frequency with the largest DFT magnitude among `candidates`, on the middle of the signal.
    static func dominant(_ samples: [Float], around centre: Double) -> Double {
        let middle = Array(samples[samples.count / 4 ..< samples.count * 3 / 4])
        var best = (frequency: 0.0, power: -1.0)
        for frequency in stride(from: centre * 0.7, through: centre * 1.4, by: 0.5) {
            var re = 0.0, im = 0.0
            for (n, x) in middle.enumerated() {
                let angle = 2 * Double.pi * frequency * Double(n) / 16000
                re += Double(x) * cos(angle)
                im -= Double(x) * sin(angle)
            }
            if re * re + im * im > best.power { best = (frequency, re * re + im * im) }
        }
        return best.frequency
    }

    @Test(arguments: [0.8, 1.25])
    func stretchKeepsPitchAndSetsLength(factor: Double) {
        let stretched = TimeStretcher().stretch(Self.tone(440), by: factor)
        #expect(stretched.count == Int((16000 * factor).rounded()))
        #expect(abs(Self.dominant(stretched, around: 440) - 440) <= 2)
        // Amplitude kept (windows sum to one): RMS of a 0.5 sine is 0.354.
        #expect(abs(SignalLevel.rms(Array(stretched[2000 ..< stretched.count - 2000])) - 0.3536) < 0.03)
    }

    @Test(arguments: [-3.0, -1.3, 2.0, 3.0])
    func pitchShiftMovesAToneBySemitones(semitones: Double) throws {
        let shifted = try PitchShifter().shift(Self.tone(440), semitones: semitones, sampleRate: 16000)
        #expect(shifted.count == 16000)
        let expected = 440 * pow(2, semitones / 12)
        let measured = Self.dominant(shifted, around: expected)
        #expect(abs(measured - expected) / expected < 0.005, "\(semitones) semitones: \(measured) Hz, expected \(expected)")
    }
}
