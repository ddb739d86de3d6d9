// Oracle: scripts/fixtures/tflm_device_outputs.py (pymicro-features + the device's int8 mapping + tflite-micro).
import AudioIO
import ESPHome
import Foundation
import Testing
import TestSupport
import TFLiteFormat
@testable import Emulator

/// Audio → frontend → int8 → stride groups → model → uint8, per release, against the oracles.
@Suite struct DevicePipelineTests {
    /// Varied audio: silence, noise at several levels, tones, chirps and speech-like bursts.
    static func variedAudio(seconds: Int, seed: UInt64) -> [Int16] {
        var samples: [Float] = []
        var generator = seed
        func next() -> Double {
            generator = generator &* 6364136223846793005 &+ 1442695040888963407
            return Double(generator >> 11) / Double(1 << 53)
        }
        while samples.count < seconds * 16000 {
            let kind = Int(next() * 5), length = 0.3 + next() * 1.2
            switch kind {
            case 0: samples += [Float](repeating: 0, count: Int(length * 16000))
            case 1: samples += TestSignals.whiteNoise(seconds: length, rms: 0.01 + next() * 0.2, seed: generator)
            case 2: samples += TestSignals.sine(frequency: 150 + next() * 3000, seconds: length, amplitude: 0.05 + next() * 0.5)
            case 3:
                let start = 100 + next() * 500, end = 1000 + next() * 4000, count = Int(length * 16000)
                var phase = 0.0
                samples += (0 ..< count).map { index in
                    phase += 2 * Double.pi * (start + (end - start) * Double(index) / Double(count)) / 16000
                    return Float(0.3 * sin(phase))
                }
            default: // syllable-like: a pitched buzz with a formant-ish envelope
                let count = Int(length * 16000), pitch = 90 + next() * 180
                samples += (0 ..< count).map { index in
                    let t = Double(index) / 16000, envelope = sin(Double.pi * Double(index) / Double(count))
                    let voice = sin(2 * Double.pi * pitch * t) + 0.5 * sin(2 * Double.pi * pitch * 3 * t) + 0.3 * sin(2 * Double.pi * pitch * 7 * t)
                    return Float(0.25 * envelope * voice)
                }
            }
        }
        return TestSignals.int16(Array(samples.prefix(seconds * 16000)))
    }

    static func emulatorOutputs(_ model: TFLiteModel, _ samples: [Int16], release: ESPHomeVersion) throws -> [UInt8] {
        let pipeline = try DevicePipeline(models: [(try Interpreter(model: model), .init(probabilityCutoff: 0.97, slidingWindowSize: 5))],
                                          release: release)
        var raw: [UInt8] = []
        // Chunks of uneven sizes: the outputs must not depend on how audio arrives.
        var start = 0, size = 1
        while start < samples.count {
            let end = min(start + size, samples.count)
            samples[start ..< end].withUnsafeBufferPointer { buffer in
                pipeline.feed(samples: buffer) { if case let .output(_, _, _, value) = $0 { raw.append(value) } }
            }
            start = end
            size = size * 7 % 4001 + 1
        }
        return raw
    }

    static func oracleOutputs(model: String, audio: [String], garbage: Int = 0) throws -> [String: [UInt8]] {
        let python = try #require(oraclePython)
        let script = Repository.root.appendingPathComponent("scripts/fixtures/tflm_device_outputs.py").path
        let result = try runProcess(python, [script, model] + audio + ["--garbage", String(garbage)])
        try #require(result.status == 0, "oracle failed: \(result.standardError.suffix(400))")
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: [Int]]
        return (json ?? [:]).mapValues { $0.map(UInt8.init) }
    }

    static func compare(seconds: Int, releases: [(ESPHomeVersion, Int)]) throws {
        let folder = TemporaryDirectory("pipeline")
        let samples = variedAudio(seconds: seconds, seed: 21)
        let audio = folder.appending("varied.wav").path
        try AudioFileWriter.write(samples, to: audio)
        for name in ReferenceModelTests.models {
            let path = try #require(Repository.referenceModels).appendingPathComponent("\(name).tflite").path
            let model = try ReferenceModelTests.model(name)
            for (release, garbage) in releases {
                let expected = try #require(try oracleOutputs(model: path, audio: [audio], garbage: garbage)[audio])
                let got = try emulatorOutputs(model, samples, release: release)
                #expect(got.count == expected.count, "\(name) \(release): \(got.count) outputs, oracle \(expected.count)")
                let first = zip(got, expected).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                #expect(first == nil, "\(name) on ESPHome \(release): first differing output \(first ?? -1) of \(expected.count)")
                #expect((expected.max() ?? 0) > 0, "the audio should move the model's output")
            }
        }
    }

    @Test(.enabled(if: oraclePython != nil && Repository.referenceModels != nil))
    func audioGivesTheOracleOutputsOnEveryOfficialModel() throws {
        try Self.compare(seconds: 20, releases: [(ReleaseTable.defaultRelease, 0), (ESPHomeVersion(2025, 6, 0), 2)])
    }

    /// Minutes of varied audio per model (slow: `WAKESMITH_SLOW_TESTS=1`).
    @Test(.enabled(if: slowTestsEnabled && oraclePython != nil && Repository.referenceModels != nil))
    func minutesOfAudioGiveTheOracleOutputs() throws {
        try Self.compare(seconds: 240, releases: [(ReleaseTable.defaultRelease, 0), (ESPHomeVersion(2024, 7, 0), 2)])
    }

    @Test(.enabled(if: Repository.referenceModels != nil))
    func detectionsFollowTheRulesOfTheRelease() throws {
        // The pipeline's detections are exactly what a WakeWordDetector reports on its own outputs.
        let model = try ReferenceModelTests.model("okay_nabu")
        let samples = Self.variedAudio(seconds: 30, seed: 5)
        // A cutoff just below the loudest output, so that the output is mostly below it (2025.6+ counts
        // only then) and crosses it now and then.
        let peak = try Self.emulatorOutputs(model, samples, release: ReleaseTable.defaultRelease).max() ?? 0
        try #require(peak > 2, "the audio should move the model's output")
        let cutoff = (Double(peak) - 1.5) / 255
        for release in [ESPHomeVersion(2024, 7, 0), ESPHomeVersion(2025, 5, 0), ReleaseTable.defaultRelease] {
            let behaviour = try #require(ReleaseTable.behaviour(of: release))
            let pipeline = try DevicePipeline(models: [(try Interpreter(model: model), .init(probabilityCutoff: cutoff, slidingWindowSize: 1))],
                                              release: release)
            var outputsByStep: [Int: UInt8] = [:], detections: [Int] = []
            samples.withUnsafeBufferPointer { buffer in
                pipeline.feed(samples: buffer) { event in
                    switch event {
                    case let .output(_, _, feature, raw): outputsByStep[feature] = raw
                    case let .detection(_, feature): detections.append(feature)
                    }
                }
            }
            var detector = WakeWordDetector(behaviour: behaviour, probabilityCutoff: cutoff, slidingWindowSize: 1)
            var expected: [Int] = []
            let garbage = behaviour.garbageSteps
            for step in -garbage ..< pipeline.featureCount {
                let feature = step < 0 ? -1 : step
                // With stride 3, the two garbage steps never complete a stride on their own.
                let output = step < 0 ? nil : outputsByStep[feature]
                if detector.step(output: output) {
                    expected.append(feature)
                    detector.resetProbabilities()
                    if behaviour.afterDetection == .stops { break }
                }
            }
            if behaviour.afterDetection == .stops {
                #expect(detections.first == expected.first, "\(release)")
            } else {
                #expect(detections == expected, "\(release)")
            }
            #expect(!detections.isEmpty, "a cutoff below the peak must fire on this audio (\(release))")
        }
    }
}
