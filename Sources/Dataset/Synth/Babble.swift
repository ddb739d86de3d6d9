/// Overlapping talkers for background audio: each voice's stream looped to the file's length from its own
/// offset (so the streams do not line up), set to its own level, and summed.
public enum Babble {
    /// `samples` repeated to `count` long, starting `offset` samples in.
    public static func looped(_ samples: [Float], count: Int, offset: Int) -> [Float] {
        guard !samples.isEmpty else { return [Float](repeating: 0, count: count) }
        var output = [Float](repeating: 0, count: count)
        var position = offset % samples.count
        for index in 0 ..< count {
            output[index] = samples[position]
            position += 1
            if position == samples.count { position = 0 }
        }
        return output
    }

    /// The talkers mixed: stream `i` looped from `offsets[i]` and set to `gainsDB[i]` dBFS RMS.
    public static func mix(_ streams: [[Float]], gainsDB: [Double], count: Int, offsets: [Int]) -> [Float] {
        var total = [Float](repeating: 0, count: count)
        for (index, stream) in streams.enumerated() {
            let voice = ClipShaping.withRMS(looped(stream, count: count, offset: offsets[index] % max(1, stream.count)),
                                            dbfs: gainsDB[index])
            for sample in 0 ..< count { total[sample] += voice[sample] }
        }
        return total
    }
}
