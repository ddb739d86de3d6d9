import AudioIO
import Foundation
import TestSupport

/// Test audio written at test time: WAVs in any rate, channel count and encoding (RIFF written by hand, so
/// the tests do not depend on the writer under test), FLAC through AudioIO, and broken files.
enum TestAudio {
    enum Encoding {
        case pcm16, pcm24, float32
    }

    /// A 440 Hz tone with a little noise (never silent, never clipped unless `amplitude` > 1), clipped to ±1.
    static func tone(seconds: Double, rate: Int = 16000, amplitude: Double = 0.3, seed: UInt64 = 0) -> [Float] {
        let noise = TestSignals.whiteNoise(seconds: seconds, sampleRate: Double(rate), rms: 0.01, seed: seed + 1)
        return (0 ..< Int((seconds * Double(rate)).rounded())).map { n in
            let value = amplitude * sin(2 * .pi * 440 * Double(n) / Double(rate)) + Double(n < noise.count ? noise[n] : 0)
            return Float(max(-1, min(1, value)))
        }
    }

    /// Writes interleaved `samples` (1.0 = full scale) as a WAV file, creating folders as needed.
    @discardableResult
    static func writeWAV(_ url: URL, _ samples: [Float], rate: Int = 16000, channels: Int = 1, encoding: Encoding = .pcm16) throws -> URL {
        var data = Data()
        for sample in samples {
            switch encoding {
            case .pcm16:
                let value = Int16(max(-32768, min(32767, (Double(sample) * 32768).rounded())))
                withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
            case .pcm24:
                let value = Int32(max(-8_388_608, min(8_388_607, (Double(sample) * 8_388_608).rounded())))
                withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0.prefix(3)) }
            case .float32:
                withUnsafeBytes(of: sample.bitPattern.littleEndian) { data.append(contentsOf: $0) }
            }
        }
        let bits = encoding == .pcm16 ? 16 : encoding == .pcm24 ? 24 : 32
        var file = Data("RIFF".utf8)
        append32(&file, 36 + data.count)
        file.append(contentsOf: Array("WAVEfmt ".utf8))
        append32(&file, 16)
        append16(&file, encoding == .float32 ? 3 : 1)
        append16(&file, channels)
        append32(&file, rate)
        append32(&file, rate * channels * bits / 8)
        append16(&file, channels * bits / 8)
        append16(&file, bits)
        file.append(contentsOf: Array("data".utf8))
        append32(&file, data.count)
        file.append(data)
        try write(file, to: url)
        return url
    }

    /// A 16-bit mono FLAC file through AudioIO.
    @discardableResult
    static func writeFLAC(_ url: URL, _ samples: [Float], rate: Int = 16000) throws -> URL {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AudioFileWriter.write(TestSignals.int16(samples), to: url.path, sampleRate: rate, container: .flac)
        return url
    }

    static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Keeps only the first `bytes` bytes of a file.
    static func cut(_ url: URL, to bytes: Int) throws {
        try write(try Data(contentsOf: url).prefix(bytes), to: url)
    }

    private static func append16(_ data: inout Data, _ value: Int) {
        withUnsafeBytes(of: UInt16(value).littleEndian) { data.append(contentsOf: $0) }
    }

    private static func append32(_ data: inout Data, _ value: Int) {
        withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) }
    }
}

/// A dataset folder with the four kind folders and one good file in each required kind.
final class TestDataset {
    let folder = TemporaryDirectory("dataset")
    var root: URL { folder.url.appendingPathComponent("dataset") }

    init(goodFiles: Bool = true) throws {
        for kind in ["positive", "negative", "background", "rir"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(kind), withIntermediateDirectories: true)
        }
        if goodFiles {
            try TestAudio.writeWAV(url("positive/good.wav"), TestAudio.tone(seconds: 1))
            try TestAudio.writeWAV(url("negative/good.wav"), TestAudio.tone(seconds: 2, seed: 1))
        }
    }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
}

/// One file of each bad kind, the message fragment `validate` must print for it, and how to make it.
struct BadFile: Sendable {
    let name: String
    let expected: String
    let make: @Sendable (URL) throws -> Void

    static let all: [BadFile] = [
        BadFile(name: "rate.wav", expected: "wrong sample rate: 44100 Hz") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 1, rate: 44100), rate: 44100) },
        BadFile(name: "pcm24.wav", expected: "not 16-bit PCM: PCM_24") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 1), encoding: .pcm24) },
        BadFile(name: "float.wav", expected: "not 16-bit PCM: FLOAT") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 1), encoding: .float32) },
        BadFile(name: "stereo.wav", expected: "not mono: 2 channels") { url in
            let mono = TestAudio.tone(seconds: 1)
            try TestAudio.writeWAV(url, mono.flatMap { [$0, $0] }, channels: 2)
        },
        BadFile(name: "empty.wav", expected: "empty: 0 bytes") { try TestAudio.write(Data(), to: $0) },
        BadFile(name: "noframes.wav", expected: "empty: no samples") { try TestAudio.writeWAV($0, []) },
        BadFile(name: "short.wav", expected: "too short: 0.10 s") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 0.1)) },
        BadFile(name: "long.wav", expected: "too long: 6.0 s") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 6)) },
        BadFile(name: "silent.wav", expected: "silent: peak -inf dBFS") { try TestAudio.writeWAV($0, [Float](repeating: 0, count: 16000)) },
        BadFile(name: "quiet.wav", expected: "silent: peak") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 1, amplitude: 0.0001).map { $0 * 0.01 }) },
        BadFile(name: "clipped.wav", expected: "clipped:") { try TestAudio.writeWAV($0, TestAudio.tone(seconds: 1, amplitude: 4)) },
        BadFile(name: "corrupt.wav", expected: "unreadable:") { url in
            try TestAudio.write(Data("RIFF\u{10}\0\0\0WAVEfmt ".utf8) + Data((0 ..< 200).map { UInt8($0) }), to: url)
        },
        BadFile(name: "garbage.flac", expected: "unreadable:") { try TestAudio.write(Data("fLaC".utf8) + Data(count: 50), to: $0) },
        BadFile(name: "text.wav", expected: "unreadable: not an audio file") { try TestAudio.write(Data("just some notes, not audio\n".utf8), to: $0) },
        BadFile(name: "cut.wav", expected: "truncated: header says 16000 frames, the file holds 8000") { url in
            try TestAudio.writeWAV(url, TestAudio.tone(seconds: 1))
            try TestAudio.cut(url, to: 44 + 16000)
        },
        BadFile(name: "cut.flac", expected: "unreadable samples: truncated or corrupt audio") { url in
            try TestAudio.writeFLAC(url, TestAudio.tone(seconds: 2))
            try TestAudio.cut(url, to: (try Data(contentsOf: url)).count / 2)
        },
    ]
}
