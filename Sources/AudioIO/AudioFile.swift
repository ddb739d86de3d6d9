import Support

/// Whole-file reads, for clips small enough to hold in memory.
public enum AudioFile {
    /// Reads the header only.
    public static func info(path: String) throws(AudioError) -> AudioFileInfo {
        try AudioFileReader(path: path).info
    }

    /// All samples mixed down to mono floats (1.0 = full scale), with the file's sample rate.
    public static func readMonoFloat(path: String) throws(AudioError) -> (samples: [Float], sampleRate: Int) {
        let reader = try AudioFileReader(path: path)
        let channels = reader.info.channels
        var mono: [Float] = []
        mono.reserveCapacity(max(0, reader.info.frames))
        while let block = try reader.readFloat(frames: 1 << 16) {
            if channels == 1 {
                mono.append(contentsOf: block)
            } else {
                let scale = 1 / Float(channels)
                for frame in 0 ..< block.count / channels {
                    var sum: Float = 0
                    for channel in 0 ..< channels { sum += block[frame * channels + channel] }
                    mono.append(sum * scale)
                }
            }
        }
        return (mono, reader.info.sampleRate)
    }

    /// All samples of a file in device format (16 kHz, 16-bit PCM, mono). Other formats are refused with a
    /// hint, because converting silently would hide a dataset problem; `wakesmith validate --fix` converts.
    public static func readDeviceSamples(path: String) throws(AudioError) -> [Int16] {
        let reader = try AudioFileReader(path: path)
        guard reader.info.isDeviceFormat else {
            throw AudioError(path: path, reason: "\(reader.info.summary) is not 16 kHz 16-bit mono",
                             hint: "convert it (wakesmith validate --fix writes converted copies)")
        }
        var samples: [Int16] = []
        samples.reserveCapacity(max(0, reader.info.frames))
        while let block = try reader.readInt16(frames: 1 << 16) { samples.append(contentsOf: block) }
        return samples
    }
}
