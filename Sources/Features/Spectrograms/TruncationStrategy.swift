/// How a feature set's spectrograms are cut to the model's input window in training and evaluation
/// (SPEC §4). Spectrograms shorter than the window are zero-padded at the start, as a streaming model hears
/// silence before audio begins.
public enum TruncationStrategy: String, Sendable, CaseIterable, Codable {
    /// Any window of a longer spectrogram, drawn afresh for every batch.
    case random
    /// The last window: keep the end, where the wake word sits.
    case truncateStart = "truncate_start"
    /// The first window: keep the start.
    case truncateEnd = "truncate_end"
    /// Consecutive non-overlapping windows (long ambient audio, false-accept estimation only).
    case split

    /// Where the windows of one spectrogram of `frames` frames start (after start padding to `window`),
    /// and for `random` how many consecutive starts are allowed.
    public func windows(frames: Int, window: Int) -> [(start: Int, span: Int)] {
        let padded = max(frames, window)
        switch self {
        case .random: return [(0, padded - window + 1)]
        case .truncateStart: return [(padded - window, 1)]
        case .truncateEnd: return [(0, 1)]
        case .split: return (0 ..< padded / window).map { ($0 * window, 1) }
        }
    }
}
