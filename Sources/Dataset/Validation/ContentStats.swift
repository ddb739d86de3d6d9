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
        // Short clips get a block their own size: each block is a fresh zeroed buffer.
        let frames = min(blockFrames, max(4096, reader.info.frames + 1))
        var peak: Float = 0
        var clipped = 0
        var values = 0
        while let block = try reader.readFloat(frames: frames) {
            let (blockPeak, blockClipped) = block.withUnsafeBufferPointer(Self.peakAndClipped)
            peak = max(peak, blockPeak)
            clipped += blockClipped
            values += block.count
        }
        self.init(peak: Double(peak), clippedFraction: values > 0 ? Double(clipped) / Double(values) : 0,
                  framesRead: values / channels)
    }

    /// The largest magnitude and the count of samples at or above full scale, sixteen samples at a time.
    static func peakAndClipped(_ samples: UnsafeBufferPointer<Float>) -> (Float, Int) {
        guard let base = samples.baseAddress else { return (0, 0) }
        let lanes = 16
        var peaks = SIMD16<Float>(repeating: 0)
        var counts = SIMD16<Int32>(repeating: 0)
        let limit = SIMD16<Float>(repeating: fullScale)
        var index = 0
        while index + lanes <= samples.count {
            let value = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<Float>.self)
            let magnitude = pointwiseMax(value, -value)
            peaks = pointwiseMax(peaks, magnitude)
            counts &+= SIMD16<Int32>(repeating: 1).replacing(with: 0, where: magnitude .< limit)
            index += lanes
        }
        var peak = peaks.max()
        var clipped = Int(counts.wrappedSum())
        while index < samples.count {
            let magnitude = abs(base[index])
            peak = max(peak, magnitude)
            clipped += magnitude >= fullScale ? 1 : 0
            index += 1
        }
        return (peak, clipped)
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
