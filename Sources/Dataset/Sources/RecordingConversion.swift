import AudioIO
import DSP
import Foundation
import Support

/// Brings one recording from a package into the dataset: decoded (libsndfile: WAV, FLAC, Ogg, MP3; or
/// headerless 16-bit `.raw`), mixed to mono, resampled to 16 kHz (libsoxr), checked (silent, too short,
/// clipped files are skipped and counted), long negatives cut into pieces under the length cap, written as
/// 16-bit WAV atomically. Background files are streamed block by block (a 30-minute 44.1 kHz stereo track
/// would need 600 MB in memory).
public struct RecordingConversion: Sendable {
    /// Accepted clip lengths per kind in seconds (the dataset's defaults).
    public var minimumSeconds: [SampleKind: Double] = [.negative: 0.3, .background: 1.0]
    public var maximumSeconds: [SampleKind: Double] = [.negative: 30, .background: 7200]
    /// Peak below this (−60 dBFS) counts as silent.
    static let silencePeak = pow(10, -60.0 / 20)
    /// |sample| at or above this counts as clipped; more than 1 % clipped samples rejects a file.
    static let clipLevel: Int32 = 32765
    static let clippedFraction = 0.01
    static let rate = DeviceAudioFormat.sampleRate

    public init() {}

    /// What converting one file gave: the clips written (seconds each) or why it was skipped.
    public struct Outcome: Sendable, Equatable {
        public var clipSeconds: [Double] = []
        public var skipReason: String?
    }

    /// Converts `path` into clips named `stem` (or `stem_partNN`) in `folder`.
    public func convert(_ path: String, rule: RecordingSource.Rule, into folder: String, stem: String) -> Outcome {
        let minimum = minimumSeconds[rule.kind] ?? 0, maximum = maximumSeconds[rule.kind] ?? .infinity
        if rule.kind == .background, rule.rawRate == nil {
            return convertStreamed(path, to: "\(folder)/\(stem).wav", minimum: minimum, maximum: maximum)
        }
        let samples: [Int16]
        do {
            let (audio, rate) = try Self.read(path, rawRate: rule.rawRate)
            samples = PCM.int16(from: try Resampler.resample(audio, from: Double(rate), to: Double(Self.rate)))
        } catch {
            return Outcome(skipReason: "unreadable")
        }
        if let reason = Self.problem(samples, minimum: minimum) { return Outcome(skipReason: reason) }
        var outcome = Outcome()
        let pieces = Self.pieces(samples.count, maximum: Int(maximum * Double(Self.rate)))
        for (index, range) in pieces.enumerated() where Double(range.count) >= minimum * Double(Self.rate) {
            let name = pieces.count == 1 ? "\(stem).wav" : "\(stem)_part\(index < 10 ? "0" : "")\(index).wav"
            do {
                try AudioFileWriter.write(Array(samples[range]), to: "\(folder)/\(name)")
                outcome.clipSeconds.append(Double(range.count) / Double(Self.rate))
            } catch {
                return Outcome(clipSeconds: outcome.clipSeconds, skipReason: "unwritable")
            }
        }
        return outcome
    }

    /// Mono float samples and their rate; `.raw` files are 16-bit little-endian mono at `rawRate`.
    static func read(_ path: String, rawRate: Int?) throws -> ([Float], Int) {
        if path.lowercased().hasSuffix(".raw") {
            guard let rawRate else { throw SourceError("\(path): headerless raw audio needs a sample rate") }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let samples = data.withUnsafeBytes { bytes in
                (0 ..< bytes.count / 2).map { Float(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * $0, as: Int16.self))) / 32768 }
            }
            return (samples, rawRate)
        }
        let (samples, rate) = try AudioFile.readMonoFloat(path: path)
        return (samples, rate)
    }

    /// Why a clip is unusable (silent, too short, clipped), or nil.
    static func problem(_ samples: [Int16], minimum: Double) -> String? {
        let peak = samples.reduce(Int32(0)) { max($0, abs(Int32($1))) }
        if samples.isEmpty || Double(peak) / 32768 < silencePeak { return "silent" }
        if Double(samples.count) < minimum * Double(rate) { return "too short" }
        let clipped = samples.reduce(0) { $0 + (abs(Int32($1)) >= clipLevel ? 1 : 0) }
        if Double(clipped) / Double(samples.count) > clippedFraction { return "clipped" }
        return nil
    }

    /// Near-equal consecutive ranges no longer than `maximum` samples (the first ones one sample longer).
    static func pieces(_ count: Int, maximum: Int) -> [Range<Int>] {
        guard count > maximum, maximum > 0 else { return [0 ..< count] }
        let parts = (count + maximum - 1) / maximum
        var ranges: [Range<Int>] = [], start = 0
        for index in 0 ..< parts {
            let length = count / parts + (index < count % parts ? 1 : 0)
            ranges.append(start ..< start + length)
            start += length
        }
        return ranges
    }

    /// Streams a long file into `target` (at most `maximum` seconds), checking it on the way.
    func convertStreamed(_ path: String, to target: String, minimum: Double, maximum: Double) -> Outcome {
        do {
            let reader = try AudioFileReader(path: path)
            let channels = reader.info.channels
            let resampler = reader.info.sampleRate == Self.rate ? nil
                : try Resampler(from: Double(reader.info.sampleRate), to: Double(Self.rate))
            let writer = try AudioFileWriter(path: target)
            let limit = Int(maximum * Double(Self.rate))
            var written = 0, peak: Int32 = 0, clipped = 0
            func emit(_ block: [Float]) throws {
                let pcm = PCM.int16(from: block).prefix(limit - written)
                guard !pcm.isEmpty else { return }
                try writer.write(Array(pcm))
                written += pcm.count
                for sample in pcm {
                    let magnitude = abs(Int32(sample))
                    peak = max(peak, magnitude)
                    if magnitude >= Self.clipLevel { clipped += 1 }
                }
            }
            while written < limit, let block = try reader.readFloat(frames: 1 << 16) {
                var mono = block
                if channels > 1 {
                    mono = (0 ..< block.count / channels).map { frame in
                        var sum: Float = 0
                        for channel in 0 ..< channels { sum += block[frame * channels + channel] }
                        return sum / Float(channels)
                    }
                }
                try emit(resampler?.process(mono) ?? mono)
            }
            if let resampler, written < limit { try emit(resampler.finish()) }
            let seconds = Double(written) / Double(Self.rate)
            let reason: String? = Double(peak) / 32768 < Self.silencePeak ? "silent"
                : seconds < minimum ? "too short"
                : Double(clipped) / Double(max(1, written)) > Self.clippedFraction ? "clipped" : nil
            if let reason { return Outcome(skipReason: reason) } // the writer's temporary file goes with it
            try writer.commit()
            return Outcome(clipSeconds: [seconds])
        } catch {
            return Outcome(skipReason: "unreadable")
        }
    }
}
