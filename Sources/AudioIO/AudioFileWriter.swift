import CSndFile
import Foundation
import Support

/// Writes 16-bit PCM WAV or FLAC under a temporary name and renames it into place on `commit()`, so an
/// interrupted write never leaves a half file. Released without `commit()`, the temporary file is removed.
public final class AudioFileWriter {
    public enum Container: Sendable { case wav, flac }

    public let path: String
    private let temporaryPath: String
    private var handle: OpaquePointer?

    public init(path: String, sampleRate: Int = DeviceAudioFormat.sampleRate, channels: Int = 1, container: Container = .wav) throws(AudioError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let name = (path as NSString).lastPathComponent
        temporaryPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = Int32((container == .wav ? Int(SF_FORMAT_WAV) : Int(SF_FORMAT_FLAC)) | Int(SF_FORMAT_PCM_16))
        guard sf_format_check(&info) == 1, let handle = sf_open(temporaryPath, Int32(SFM_WRITE), &info) else {
            throw AudioError(path: path, reason: "cannot write: \(String(cString: sf_strerror(nil)))")
        }
        self.handle = handle
    }

    deinit {
        if let handle {
            sf_close(handle)
            unlink(temporaryPath)
        }
    }

    /// Appends interleaved 16-bit samples.
    public func write(_ samples: [Int16]) throws(AudioError) {
        guard let handle else { return }
        let written = samples.withUnsafeBufferPointer { sf_write_short(handle, $0.baseAddress, sf_count_t($0.count)) }
        if Int(written) != samples.count { throw AudioError(path: path, reason: "write failed: \(String(cString: sf_strerror(handle)))") }
    }

    /// Appends interleaved float samples (1.0 = full scale), converted by `PCM.int16(from:)`.
    public func write(_ samples: [Float]) throws(AudioError) {
        try write(PCM.int16(from: samples))
    }

    /// Finishes the file and moves it into place.
    public func commit() throws(AudioError) {
        guard let handle else { return }
        sf_close(handle)
        self.handle = nil
        if rename(temporaryPath, path) != 0 {
            unlink(temporaryPath)
            throw AudioError(path: path, reason: "cannot replace: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes a whole 16 kHz mono clip in one call.
    public static func write(_ samples: [Int16], to path: String, sampleRate: Int = DeviceAudioFormat.sampleRate, container: Container = .wav) throws(AudioError) {
        let writer = try AudioFileWriter(path: path, sampleRate: sampleRate, channels: 1, container: container)
        try writer.write(samples)
        try writer.commit()
    }
}
