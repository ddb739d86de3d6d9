import DSP
import Features
import Foundation
import Support
import Testing

/// Each transform does what it promises, measured on the signal.
@Suite struct AugmentationTests {
    let workspace = AugmentationWorkspace()

    @Test func gainScalesByTheDrawnDecibels() {
        var generator = SeededGenerator(seed: 1)
        let transform = Gain(probability: 1, decibels: -6 ... 6)
        for _ in 0 ..< 5 {
            let parameters = transform.drawParameters(clipLength: 1000, using: &generator)
            #expect((-6 ... 6).contains(parameters.decibels))
            let clean = Spectrum.tone(500)
            var clip = clean
            transform.apply(parameters, to: &clip, workspace: workspace)
            let measured = SignalLevel.decibels(amplitude: SignalLevel.rms(clip) / SignalLevel.rms(clean))
            #expect(abs(measured - parameters.decibels) < 1e-4)
        }
    }

    @Test func backgroundNoiseHitsTheDrawnSNR() {
        let noise = Spectrum.whiteNoise(seconds: 3, seed: 4, rms: 0.15).map { Int16($0 * 32768) }
        let transform = AddBackgroundNoise(probability: 1, snrDecibels: -5 ... 10, sounds: [noise, Array(noise[0 ..< 5000])])
        var generator = SeededGenerator(seed: 2)
        let clean = Spectrum.tone(440, seconds: 2)
        var used = Set<Int>()
        for _ in 0 ..< 20 {
            let parameters = transform.drawParameters(clipLength: clean.count, using: &generator)
            used.insert(parameters.sound)
            var clip = clean
            transform.apply(parameters, to: &clip, workspace: workspace)
            #expect(abs(Spectrum.snr(clean: clean, mixed: clip) - parameters.snrDecibels) < 0.5)
            #expect(clip.count == clean.count)
        }
        #expect(used == [0, 1])  // the 5000-sample recording is tiled to the clip's length
        var silent = [Float](repeating: 0, count: 1000)
        transform.apply(transform.drawParameters(clipLength: 1000, using: &generator), to: &silent, workspace: workspace)
        #expect(silent.allSatisfy { $0 == 0 })
    }

    @Test func deltaImpulseResponseIsTheIdentity() {
        let clean = Spectrum.whiteNoise(seconds: 1)
        for delta in [[Float(1)], [0.0, 0.0, 0.7, 0.0, 0.0]] {
            let transform = ApplyImpulseResponse(probability: 1, responses: [delta])
            var clip = clean
            transform.apply(.init(response: 0), to: &clip, workspace: AugmentationWorkspace())
            #expect(zip(clip, clean).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func impulseResponseReverberatesWithoutDelayAndKeepsThePeak() {
        var clip = [Float](repeating: 0, count: 8000)
        clip[4000] = 0.5
        let response: [Float] = Array(repeating: 0, count: 30) + [1] + Array(repeating: 0, count: 9) + [0.5]
        let transform = ApplyImpulseResponse(probability: 1, responses: [response])
        transform.apply(.init(response: 0), to: &clip, workspace: workspace)
        #expect(clip.indices.max { abs(clip[$0]) < abs(clip[$1]) } == 4000)
        #expect(abs(clip[4000] - 0.5) < 1e-5)
        #expect(abs(clip[4010] - 0.25) < 1e-5)
    }

    @Test func equaliserGainsShowOnTheSpectrum() {
        let transform = SevenBandParametricEQ(probability: 1)
        let input = Spectrum.whiteNoise()
        let inputPower = Spectrum.power(input)
        var generator = SeededGenerator(seed: 3)
        for _ in 0 ..< 3 {
            let parameters = transform.drawParameters(clipLength: input.count, using: &generator)
            #expect(parameters.bands.count == 7)
            for (band, range) in zip(parameters.bands, SevenBandParametricEQ.bands) {
                #expect(range.contains(band.frequency) && (-6 ... 6).contains(band.gainDecibels))
            }
            // A tone at each band's centre comes out with the designed gain (the bands overlap, so the
            // design's response, not the band's own gain).
            let design = transform.cascade(parameters, sampleRate: 16000)
            for band in parameters.bands where band.frequency < 7800 {
                let tone = Spectrum.tone(band.frequency, seconds: 1)
                var output = tone
                transform.apply(parameters, to: &output, workspace: workspace)
                let measured = SignalLevel.decibels(amplitude: SignalLevel.rms(Array(output[8000...])) / SignalLevel.rms(Array(tone[8000...])))
                let expected = SignalLevel.decibels(amplitude: design.magnitude(at: band.frequency, sampleRate: 16000))
                #expect(abs(measured - expected) < 0.1, "\(band.frequency) Hz: \(measured) dB, design \(expected) dB")
            }
            // And white noise's spectrum follows the design between the bands too.
            var output = input
            transform.apply(parameters, to: &output, workspace: workspace)
            let outputPower = Spectrum.power(output)
            for frequency in stride(from: 500.0, through: 7000, by: 500) {
                let measured = Spectrum.gain(input: inputPower, output: outputPower, at: frequency, width: 2)
                let expected = SignalLevel.decibels(amplitude: design.magnitude(at: frequency, sampleRate: 16000))
                #expect(abs(measured - expected) < 0.5, "\(frequency) Hz: \(measured) dB, design \(expected) dB")
            }
        }
        // One band alone: the measured gain at its centre is the drawn gain.
        var single = SevenBandParametricEQ.Parameters(bands: SevenBandParametricEQ.bands.map {
            .init(frequency: $0.lowerBound, gainDecibels: 0, q: 1)
        })
        single.bands[3] = .init(frequency: 700, gainDecibels: -5.5, q: 2)
        var output = input
        transform.apply(single, to: &output, workspace: workspace)
        #expect(abs(Spectrum.gain(input: inputPower, output: Spectrum.power(output), at: 700, width: 0) + 5.5) < 0.5)
    }

    @Test func bandStopRejectsItsBand() {
        let transform = BandStopFilter(probability: 1)
        let input = Spectrum.whiteNoise()
        let inputPower = Spectrum.power(input)
        var generator = SeededGenerator(seed: 5)
        for _ in 0 ..< 4 {
            let parameters = transform.drawParameters(clipLength: input.count, using: &generator)
            #expect((2 ... 4).contains(parameters.order) && (200 ... 4000).contains(parameters.centre))
            var output = input
            transform.apply(parameters, to: &output, workspace: workspace)
            let outputPower = Spectrum.power(output)
            let (lower, upper) = parameters.edges(sampleRate: 16000)
            let centre = (lower * upper).squareRoot()
            #expect(Spectrum.gain(input: inputPower, output: outputPower, at: centre, width: 0) < -25, "centre \(centre) Hz")
            #expect(abs(Spectrum.gain(input: inputPower, output: outputPower, at: lower, width: 0) + 3) < 1.5)
            if upper < 7900 {
                #expect(abs(Spectrum.gain(input: inputPower, output: outputPower, at: min(7800, upper * 1.8))) < 1)
            }
            #expect(abs(Spectrum.gain(input: inputPower, output: outputPower, at: lower / 3)) < 1)
        }
    }

    @Test func colorNoiseHitsTheSNRAndTheSlope() {
        let transform = AddColorNoise(probability: 1)
        var generator = SeededGenerator(seed: 6)
        let clean = Spectrum.tone(300, seconds: 3)
        for _ in 0 ..< 6 {
            let parameters = transform.drawParameters(clipLength: clean.count, using: &generator)
            var clip = clean
            transform.apply(parameters, to: &clip, workspace: workspace)
            #expect(abs(Spectrum.snr(clean: clean, mixed: clip) - parameters.snrDecibels) < 0.5)
            // The noise's power density changes by the slope per octave: a least-squares line through the
            // levels of half-octave bands from 1 to 7 kHz, each wide enough to average over several of the
            // 128-tap filter's bins (between them its random phases make the response ripple; lower down, its
            // large DC tap — audiomentations gives DC the magnitude of 1 Hz — leaks in for falling slopes).
            let power = Spectrum.power(transform.noise(parameters, length: 64000, sampleRate: 16000))
            var points: [(octave: Double, level: Double)] = []
            for half in 0 ... 5 {
                let centre = 1000 * pow(2, (Double(half) + 0.5) / 2)
                let bins = Int(centre * pow(2, -1 / 4.0) / 15.625) ... Int(centre * pow(2, 1 / 4.0) / 15.625)
                let density = bins.reduce(0.0) { $0 + power[$1] } / Double(bins.count)
                points.append((log2(centre), 10 * log10(density)))
            }
            let meanX = points.reduce(0) { $0 + $1.octave } / Double(points.count)
            let meanY = points.reduce(0) { $0 + $1.level } / Double(points.count)
            let slope = points.reduce(0) { $0 + ($1.octave - meanX) * ($1.level - meanY) }
                / points.reduce(0) { $0 + ($1.octave - meanX) * ($1.octave - meanX) }
            #expect(abs(slope - parameters.slopeDecibelsPerOctave) < 1, "slope \(slope), drawn \(parameters.slopeDecibelsPerOctave)")
        }
    }

    @Test func tanhDistortionKeepsTheLoudnessAndCompressesPeaks() {
        let transform = TanhDistortion(probability: 1)
        let clean = Spectrum.tone(200).enumerated().map { $1 * Float(1 + 3 * ($0 % 4000 < 400 ? 1 : 0)) }
        var clip = clean
        transform.apply(.init(amount: 0.1), to: &clip, workspace: workspace)
        #expect(abs(SignalLevel.rms(clip) / SignalLevel.rms(clean) - 1) < 1e-4)
        let crest = { (x: [Float]) in Double(x.map(abs).max()!) / SignalLevel.rms(x) }
        #expect(crest(clip) < crest(clean) * 0.8)
    }

    @Test func pitchShiftMovesAToneByTheDrawnSemitones() throws {
        let transform = PitchShift(probability: 1)
        var generator = SeededGenerator(seed: 8)
        for _ in 0 ..< 3 {
            let parameters = transform.drawParameters(clipLength: 16000, using: &generator)
            var clip = Spectrum.tone(500)
            try transform.apply(parameters, to: &clip, workspace: workspace)
            #expect(clip.count == 16000)
            let power = Spectrum.power(clip)
            let peak = power.indices.max { power[$0] < power[$1] }!
            // Interpolate the peak between bins (parabolic on log power).
            let (a, b, c) = (log(power[peak - 1]), log(power[peak]), log(power[peak + 1]))
            let frequency = (Double(peak) + 0.5 * (a - c) / (a - 2 * b + c)) * 15.625
            let semitones = 12 * log2(frequency / 500)
            #expect(abs(semitones - parameters.semitones) < 0.1, "\(semitones) vs \(parameters.semitones)")
        }
    }
}

@Suite struct AugmentationChainTests {
    static let material = (backgrounds: [Spectrum.whiteNoise(seconds: 2, seed: 11).map { Int16($0 * 32768) }],
                           responses: [[Float(1), 0, 0.3, 0, 0.1]])

    static func chain(_ settings: AugmentationSettings = AugmentationSettings()) -> AugmentationChain {
        AugmentationChain(settings: settings, backgrounds: material.backgrounds, impulseResponses: material.responses)
    }

    @Test func orderFollowsTheSignalPath() {
        #expect(Self.chain().names == ["SevenBandParametricEQ", "TanhDistortion", "PitchShift", "BandStopFilter",
                                       "ApplyImpulseResponse", "AddBackgroundNoise", "AddColorNoise", "Gain"])
        #expect(AugmentationChain(settings: AugmentationSettings(), backgrounds: [], impulseResponses: []).names
            == ["SevenBandParametricEQ", "TanhDistortion", "PitchShift", "BandStopFilter", "AddColorNoise", "Gain"])
        #expect(Self.chain(.none).names.isEmpty)
    }

    @Test func aSeedReproducesAClip() throws {
        var everything = AugmentationSettings()
        for key in [\AugmentationSettings.sevenBandEQ, \.tanhDistortion, \.pitchShift, \.bandStop, \.colorNoise, \.backgroundNoise, \.rir] {
            everything[keyPath: key] = 1
        }
        let chain = Self.chain(everything)
        let clean = Spectrum.tone(440, seconds: 1)
        var first = clean, again = clean, other = clean
        let applied = try chain.apply(to: &first, clipSeed: 77, workspace: AugmentationWorkspace())
        try chain.apply(to: &again, clipSeed: 77, workspace: AugmentationWorkspace())
        try chain.apply(to: &other, clipSeed: 78, workspace: AugmentationWorkspace())
        #expect(applied.count == 8)
        #expect(first == again)
        #expect(first != other)
    }

    @Test func probabilitiesAreRespected() throws {
        let chain = Self.chain()
        var counts: [String: Int] = [:]
        let workspace = AugmentationWorkspace()
        for seed in 0 ..< 400 {
            var clip = [Float](repeating: 0.01, count: 2000)
            for name in try chain.apply(to: &clip, clipSeed: UInt64(seed), workspace: workspace) { counts[name, default: 0] += 1 }
        }
        let expected = ["SevenBandParametricEQ": 0.1, "TanhDistortion": 0.1, "PitchShift": 0.1, "BandStopFilter": 0.1,
                        "ApplyImpulseResponse": 0.5, "AddBackgroundNoise": 0.75, "AddColorNoise": 0.1, "Gain": 1.0]
        for (name, probability) in expected {
            let fraction = Double(counts[name, default: 0]) / 400
            #expect(abs(fraction - probability) < 4 * (probability * (1 - probability) / 400).squareRoot() + 1e-9, "\(name): \(fraction)")
        }
    }
}
