import CSoxr
import Support

/// Sample-rate conversion through libsoxr (the library Python's `soxr` wraps), streaming: feed blocks of any
/// size, then `finish()` to flush the filter's tail. Mono float samples.
///
/// libsoxr rather than hand-written code: its polyphase filters are well tested and it is what the Python
/// reference uses, so converted copies agree with the reference to within float rounding.
public final class Resampler {
    public let inputRate: Double
    public let outputRate: Double
    private let handle: soxr_t

    /// Quality presets of libsoxr.
    public enum Quality: Sendable {
        case high, veryHigh

        var recipe: UInt {
            switch self {
            case .high: UInt(SOXR_HQ)
            case .veryHigh: UInt(SOXR_VHQ)
            }
        }
    }

    public init(from inputRate: Double, to outputRate: Double, quality: Quality = .high) throws(Failure) {
        self.inputRate = inputRate
        self.outputRate = outputRate
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var q = soxr_quality_spec(quality.recipe, 0)
        guard let handle = soxr_create(inputRate, outputRate, 1, &error, &io, &q, nil), error == nil else {
            throw Failure("cannot resample from \(inputRate) Hz to \(outputRate) Hz: \(error.map { String(cString: $0) } ?? "unknown error")")
        }
        self.handle = handle
    }

    deinit { soxr_delete(handle) }

    /// Resamples one block; the output may lag the input by the filter's delay (flushed by `finish()`).
    public func process(_ input: [Float]) -> [Float] {
        run(input, last: false)
    }

    /// Flushes what the filter still holds. Call once after the last block.
    public func finish() -> [Float] {
        run([], last: true)
    }

    private func run(_ input: [Float], last: Bool) -> [Float] {
        var output: [Float] = []
        let capacity = Int((Double(input.count) * outputRate / inputRate).rounded(.up)) + 4096
        var chunk = [Float](repeating: 0, count: capacity)
        var consumed = 0
        var placeholder: Float = 0
        while true {
            var used = 0, produced = 0
            withUnsafePointer(to: &placeholder) { empty in
                input.withUnsafeBufferPointer { inBuffer in
                    chunk.withUnsafeMutableBufferPointer { outBuffer in
                        let remaining = inBuffer.count - consumed
                        // A null input tells libsoxr the stream ended (flush); an empty non-null one only asks
                        // for output it still holds.
                        let inPointer: UnsafeRawPointer? = remaining > 0
                            ? UnsafeRawPointer(inBuffer.baseAddress.map { $0 + consumed } ?? empty)
                            : (last ? nil : UnsafeRawPointer(empty))
                        _ = soxr_process(handle, inPointer, max(0, remaining), &used,
                                         UnsafeMutableRawPointer(outBuffer.baseAddress), outBuffer.count, &produced)
                    }
                }
            }
            consumed += used
            output.append(contentsOf: chunk[0 ..< produced])
            let inputLeft = consumed < input.count
            let outputMayBePending = produced == chunk.count || (last && produced > 0)
            if !inputLeft, !outputMayBePending { break }
        }
        return output
    }

    /// Resamples a whole signal in one call.
    public static func resample(_ samples: [Float], from inputRate: Double, to outputRate: Double,
                                quality: Quality = .high) throws(Failure) -> [Float]
    {
        if inputRate == outputRate { return samples }
        let resampler = try Resampler(from: inputRate, to: outputRate, quality: quality)
        return resampler.process(samples) + resampler.finish()
    }
}
