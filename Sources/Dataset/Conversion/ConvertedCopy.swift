import AudioIO
import DSP
import Foundation
import Support

/// Copies in device format (16 kHz, 16-bit PCM, mono) written by `wakesmith validate --fix`. Originals are
/// never touched. A copy lives at `<root>/.wakesmith-cache/converted/<relative path>.wav` beside a
/// `.source` marker holding the content hash of the original it was made from; a changed original no longer
/// matches its marker, so its stale copy is ignored and made again. The layout is the Python reference's
/// (`wakesmith/audio/conversion.py`), so either implementation uses the other's copies.
public enum ConvertedCopy {
    static let blockFrames = 1 << 16

    /// Where the copy of `relativePath` goes.
    public static func path(datasetRoot root: String, relativePath: String) -> String {
        root + "/" + DatasetLayout.cacheFolderName + "/converted/" + relativePath + ".wav"
    }

    static func markerPath(of copy: String) -> String { copy + ".source" }

    /// Whether an up-to-date copy of exactly this content exists.
    public static func exists(for record: SampleRecord, datasetRoot root: String) -> Bool {
        let copy = path(datasetRoot: root, relativePath: record.relativePath)
        guard FileManager.default.fileExists(atPath: copy),
              let marker = FileManager.default.contents(atPath: markerPath(of: copy))
        else { return false }
        return String(decoding: marker, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == record.contentHash
    }

    /// Converts one file unless an up-to-date copy exists; returns the copy's path. The copy and then its
    /// marker are each written under a temporary name and renamed, so an interruption leaves either no copy
    /// or an untrusted one (without a matching marker), never a half file that is used.
    @discardableResult
    public static func make(for record: SampleRecord, datasetRoot root: String) throws -> String {
        let copy = path(datasetRoot: root, relativePath: record.relativePath)
        if exists(for: record, datasetRoot: root) { return copy }
        let marker = markerPath(of: copy)
        if FileManager.default.fileExists(atPath: marker) { try FileManager.default.removeItem(atPath: marker) }
        try convert(record.path, to: copy)
        try AtomicFile.write(record.contentHash, to: marker)
        return copy
    }

    /// Writes `source` as a 16 kHz mono 16-bit WAV at `target`: channels averaged, then resampled by libsoxr
    /// (as the Python reference's soxr stream), streamed block by block. Returns the frames written.
    @discardableResult
    public static func convert(_ source: String, to target: String) throws -> Int {
        let reader = try AudioFileReader(path: source)
        let channels = max(1, reader.info.channels)
        let rate = reader.info.sampleRate
        let resampler = rate == DeviceAudioFormat.sampleRate ? nil
            : try Resampler(from: Double(rate), to: Double(DeviceAudioFormat.sampleRate))
        let writer = try AudioFileWriter(path: target)
        var written = 0
        while let block = try reader.readFloat(frames: blockFrames) {
            try Interrupt.check()
            let mono = channels == 1 ? block : mixDown(block, channels: channels)
            let output = resampler?.process(mono) ?? mono
            if !output.isEmpty {
                try writer.write(output)
                written += output.count
            }
        }
        if let tail = resampler?.finish(), !tail.isEmpty {
            try writer.write(tail)
            written += tail.count
        }
        try writer.commit()
        return written
    }

    /// The mean of the channels of each interleaved frame.
    static func mixDown(_ block: [Float], channels: Int) -> [Float] {
        let frames = block.count / channels
        let divisor = Float(channels)
        return [Float](unsafeUninitializedCapacity: frames) { mono, count in
            block.withUnsafeBufferPointer { samples in
                for frame in 0 ..< frames {
                    var sum: Float = 0
                    for channel in 0 ..< channels { sum += samples[frame * channels + channel] }
                    mono[frame] = sum / divisor
                }
            }
            count = frames
        }
    }
}
