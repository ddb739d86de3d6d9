import CSndFile
import Support

/// An open audio file read in blocks, so hours of audio need little memory. Closed when released.
///
///     let reader = try AudioFileReader(path: "long.flac")
///     while let block = try reader.readFloat(frames: 65536) { … }   // interleaved, 1.0 = full scale
public final class AudioFileReader {
    public let path: String
    public let info: AudioFileInfo
    private let handle: OpaquePointer

    /// Opens `path` and reads its header. Throws `AudioError` for a missing, unreadable or non-audio file.
    public init(path: String) throws(AudioError) {
        self.path = path
        var raw = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &raw) else {
            throw AudioError(path: path, reason: Self.describeOpenFailure(String(cString: sf_strerror(nil))))
        }
        self.handle = handle
        info = AudioFileInfo(sampleRate: Int(raw.samplerate), channels: Int(raw.channels), frames: Int(raw.frames),
                             container: .init(code: raw.format), encoding: .init(code: raw.format))
        // Float files read as integers scale 1.0 to full scale (as Python's soundfile does), instead of clipping.
        sf_command(handle, Int32(SFC_SET_SCALE_FLOAT_INT_READ), nil, Int32(SF_TRUE))
    }

    deinit { sf_close(handle) }

    /// The next `frames` frames as interleaved floats (1.0 = full scale), or nil at the end of the file.
    /// A block shorter than asked means the file ended; a truncated or corrupt file throws.
    public func readFloat(frames: Int) throws(AudioError) -> [Float]? {
        let channels = info.channels
        var buffer = [Float](repeating: 0, count: frames * channels)
        let got = buffer.withUnsafeMutableBufferPointer { sf_readf_float(handle, $0.baseAddress, sf_count_t(frames)) }
        try checkError()
        guard got > 0 else { return nil }
        if Int(got) < frames { buffer.removeLast((frames - Int(got)) * channels) }
        return buffer
    }

    /// The next `frames` frames as interleaved 16-bit integers, or nil at the end of the file.
    public func readInt16(frames: Int) throws(AudioError) -> [Int16]? {
        let channels = info.channels
        var buffer = [Int16](repeating: 0, count: frames * channels)
        let got = buffer.withUnsafeMutableBufferPointer { sf_readf_short(handle, $0.baseAddress, sf_count_t(frames)) }
        try checkError()
        guard got > 0 else { return nil }
        if Int(got) < frames { buffer.removeLast((frames - Int(got)) * channels) }
        return buffer
    }

    /// Moves to frame `frame` (0 = start).
    public func seek(toFrame frame: Int) throws(AudioError) {
        if sf_seek(handle, sf_count_t(frame), SEEK_SET) < 0 {
            throw AudioError(path: path, reason: "cannot seek to frame \(frame)")
        }
    }

    private func checkError() throws(AudioError) {
        let code = sf_error(handle)
        if code != 0 {
            throw AudioError(path: path, reason: "truncated or corrupt audio (\(String(cString: sf_strerror(handle))))")
        }
    }

    private static func describeOpenFailure(_ reason: String) -> String {
        let trimmed = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
        if trimmed.contains("No such file") { return "no such file" }
        if trimmed.contains("Permission denied") { return "permission denied" }
        if trimmed.contains("Format not recognised") || trimmed.contains("unknown format") {
            return "not an audio file libsndfile can read (\(trimmed))"
        }
        return trimmed
    }
}
