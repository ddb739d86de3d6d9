import AudioIO
import Support

/// What a file's samples say: the peak (linear, 1.0 = full scale), the share of samples at full scale, and
/// how many frames could be read. Streamed in blocks, so hours of audio need little memory.
public struct ContentStats: Equatable, Sendable {
    /// |sample| at or above this (1.0 = full scale) counts as clipped: 32765 and beyond in 16-bit.
    public static let fullScale: Float = 0.9999
    public static let blockFrames = 1 << 16

    public var peak: Double
    public var clippedFraction: Double
    public var framesRead: Int

    public init(peak: Double, clippedFraction: Double, framesRead: Int) {
        self.peak = peak
        self.clippedFraction = clippedFraction
        self.framesRead = framesRead
    }

    /// Reads every sample of `path` (as floats, as Python's soundfile does). Throws `AudioError` for sample
    /// data that cannot be decoded (a cut FLAC stream, a damaged block).
    public init(path: String, blockFrames: Int = ContentStats.blockFrames) throws(AudioError) {
        let reader = try AudioFileReader(path: path)
        let channels = max(1, reader.info.channels)
        var peak: Float = 0
        var clipped = 0
        var values = 0
        while let block = try reader.readFloat(frames: blockFrames) {
            block.withUnsafeBufferPointer { samples in
                var blockPeak: Float = 0
                var blockClipped = 0
                for sample in samples {
                    let magnitude = abs(sample)
                    blockPeak = max(blockPeak, magnitude)
                    blockClipped &+= magnitude >= Self.fullScale ? 1 : 0
                }
                peak = max(peak, blockPeak)
                clipped += blockClipped
            }
            values += block.count
        }
        self.init(peak: Double(peak), clippedFraction: values > 0 ? Double(clipped) / Double(values) : 0,
                  framesRead: values / channels)
    }

    /// The cache's form, `{"peak": …, "clipped_fraction": …, "frames_read": …}` as the Python reference writes it.
    public var json: JSONValue {
        ["peak": .number(peak), "clipped_fraction": .number(clippedFraction), "frames_read": .integer(framesRead)]
    }

    public init?(json: JSONValue) {
        guard let peak = json["peak"]?.doubleValue, let clipped = json["clipped_fraction"]?.doubleValue,
              let frames = json["frames_read"]?.integerValue
        else { return nil }
        self.init(peak: peak, clippedFraction: clipped, framesRead: frames)
    }
}
