/// How a spectrogram longer than the model's window becomes training windows (SPEC §4). Spectrograms
/// shorter than the window are padded with zero frames at the start, as a streaming model sees silence
/// before the audio begins.
public enum TruncationStrategy: String, Sendable, CaseIterable {
    /// A random window of the spectrogram, drawn anew each time it is picked.
    case random
    /// The last window (the wake word sits at the end of a positive clip).
    case truncateStart = "truncate_start"
    /// The first window.
    case truncateEnd = "truncate_end"
    /// Consecutive windows, each a separate example (long ambient audio).
    case split

    /// Windows of a spectrogram of `frames` frames: first frame (negative = zero padding) and the number of
    /// consecutive start positions a draw may pick from (`random` only; otherwise 1). Several windows for
    /// `split`, one otherwise.
    func windows(frames: Int, window: Int) -> [(start: Int, span: Int)] {
        let padded = max(frames, window), pad = padded - frames
        switch self {
        case .random: return [(-pad, padded - window + 1)]
        case .truncateStart: return [(frames - window, 1)]
        case .truncateEnd: return [(-pad, 1)]
        case .split: return (0 ..< padded / window).map { (-pad + $0 * window, 1) }
        }
    }

    /// The deterministic window of a validation or test spectrogram (`random` keeps the most recent frames).
    var forEvaluation: TruncationStrategy { self == .random ? .truncateStart : self }
}
