/// Reads the WAV that espeak-ng writes to standard output. It streams, so the RIFF and data chunk sizes are
/// placeholders: the samples are whatever follows the data chunk's header.
enum StreamedWAV {
    /// 16-bit mono samples (1.0 = full scale) and the sample rate.
    static func decode(_ bytes: [UInt8]) throws(SynthError) -> (samples: [Float], sampleRate: Int) {
        guard bytes.count >= 12, Array(bytes[0 ..< 4]) == Array("RIFF".utf8), Array(bytes[8 ..< 12]) == Array("WAVE".utf8)
        else { throw SynthError("the engine did not write a WAV stream") }
        func little16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func little32(_ at: Int) -> Int { little16(at) | little16(at + 2) << 16 }
        var offset = 12
        var rate = 0, bits = 16
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset ..< offset + 4], as: UTF8.self)
            let size = little32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                guard body + 16 <= bytes.count else { break }
                let channels = little16(body + 2)
                rate = little32(body + 4)
                bits = little16(body + 14)
                guard channels == 1, bits == 16, little16(body) == 1 else {
                    throw SynthError("expected 16-bit PCM mono from the engine, got \(channels) channel(s) of \(bits) bits")
                }
            } else if id == "data" {
                guard rate > 0 else { break }
                let count = (bytes.count - body) / 2
                var samples = [Float](repeating: 0, count: count)
                bytes.withUnsafeBufferPointer { raw in
                    for index in 0 ..< count {
                        let value = Int16(bitPattern: UInt16(raw[body + 2 * index]) | UInt16(raw[body + 2 * index + 1]) << 8)
                        samples[index] = Float(value) / 32768
                    }
                }
                return (samples, rate)
            }
            offset = body + size + (size & 1)
        }
        throw SynthError("no audio data in the engine's WAV stream")
    }
}
