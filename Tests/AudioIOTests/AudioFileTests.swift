import AudioIO
import Foundation
import TestSupport
import Testing

@Suite struct AudioFileTests {
    @Test(arguments: [AudioFileWriter.Container.wav, .flac])
    func int16RoundTripsBitExactly(container: AudioFileWriter.Container) throws {
        let folder = TemporaryDirectory("audio")
        let samples = TestSignals.int16(TestSignals.whiteNoise(seconds: 0.5, rms: 0.3)) + [Int16.min, Int16.max, 0, -1]
        let path = folder.appending(container == .wav ? "a.wav" : "a.flac").path
        try AudioFileWriter.write(samples, to: path, container: container)
        let info = try AudioFile.info(path: path)
        #expect(info.isDeviceFormat)
        #expect(info.frames == samples.count)
        #expect(info.container == (container == .wav ? .wav : .flac))
        #expect(try AudioFile.readDeviceSamples(path: path) == samples)
    }

    @Test func floatWritingUsesTheOneRoundingRule() throws {
        let folder = TemporaryDirectory("audio")
        let path = folder.appending("f.wav").path
        let writer = try AudioFileWriter(path: path)
        try writer.write([0.5, -0.5, 1.5, -1.5, 1 / 65536.0, -1 / 65536.0] as [Float])
        try writer.commit()
        #expect(try AudioFile.readDeviceSamples(path: path) == [16384, -16384, 32767, -32768, 1, -1])
    }

    @Test func otherFormatsAreDescribedAndRefusedAsDeviceSamples() throws {
        let folder = TemporaryDirectory("audio")
        let path = folder.appending("stereo48k.wav").path
        let stereo = TestSignals.int16(TestSignals.sine(frequency: 440, seconds: 0.2, sampleRate: 48000, amplitude: 0.25))
        let writer = try AudioFileWriter(path: path, sampleRate: 48000, channels: 2)
        try writer.write(stereo.flatMap { [$0, $0] })
        try writer.commit()
        let info = try AudioFile.info(path: path)
        #expect(info.summary == "48000 Hz 16-bit PCM 2 channels")
        #expect(!info.isDeviceFormat)
        let error = #expect(throws: AudioError.self) { try AudioFile.readDeviceSamples(path: path) }
        #expect(error?.hint?.contains("validate --fix") == true)
        let (mono, rate) = try AudioFile.readMonoFloat(path: path)
        #expect(rate == 48000)
        #expect(mono.count == stereo.count)
        #expect(zip(mono, stereo).allSatisfy { abs($0 - Float($1) / 32768) < 1e-6 })
    }

    @Test func missingTruncatedAndNonAudioFilesAreErrors() throws {
        let folder = TemporaryDirectory("audio")
        #expect(throws: AudioError.self) { try AudioFile.info(path: folder.appending("none.wav").path) }
        let text = folder.appending("text.wav")
        try Data("this is not audio at all, just text".utf8).write(to: text)
        let notAudio = #expect(throws: AudioError.self) { try AudioFile.info(path: text.path) }
        #expect(notAudio?.reason.contains("not an audio file") == true)
        let good = folder.appending("good.wav").path
        try AudioFileWriter.write([Int16](repeating: 1000, count: 16000), to: good)
        let truncated = folder.appending("cut.wav")
        try Data(try Data(contentsOf: URL(fileURLWithPath: good)).prefix(20)).write(to: truncated)
        #expect(throws: AudioError.self) { try AudioFile.readDeviceSamples(path: truncated.path) }
    }

    @Test func interruptedWriteLeavesNoFile() throws {
        let folder = TemporaryDirectory("audio")
        let path = folder.appending("half.wav").path
        do {
            let writer = try AudioFileWriter(path: path)
            try writer.write([1, 2, 3] as [Int16])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
