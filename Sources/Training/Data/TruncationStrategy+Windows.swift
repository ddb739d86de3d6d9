import Features

extension TruncationStrategy {
    /// The training windows of a spectrogram of `frames` frames as (first frame, start positions to draw
    /// from), with the first frame negative where the window reaches into the zero padding before a short
    /// spectrogram (`Features.TruncationStrategy.windows` counts in padded frames).
    func unpaddedWindows(frames: Int, window: Int) -> [(start: Int, span: Int)] {
        let pad = max(window - frames, 0)
        return windows(frames: frames, window: window).map { ($0.start - pad, $0.span) }
    }

    /// The deterministic window of a validation or test spectrogram (`random` keeps the most recent frames).
    var forEvaluation: TruncationStrategy { self == .random ? .truncateStart : self }
}
