import Frontend

/// From a clip's spectrogram to the spectrograms a store holds (SPEC §4).
public enum Slides {
    /// `count` equal-length windows of a clip's spectrogram ending 0, 1, …, count − 1 frames before its end
    /// (each count − 1 frames shorter than the clip), so the streaming model sees the word end at slightly
    /// different times. `count` 1 gives the spectrogram itself.
    public static func of(_ spectrogram: Spectrogram, count: Int) -> [Spectrogram] {
        guard count > 1 else { return [spectrogram] }
        precondition(count <= spectrogram.frameCount, "\(count) slides need at least \(count) frames")
        let length = spectrogram.frameCount - count + 1
        return (0 ..< count).map { k in
            let start = count - 1 - k
            return spectrogram.frames(start ..< start + length)
        }
    }
}

/// Consecutive windows of a long recording's spectrogram, for false-accept estimation (ambient stores).
public enum AmbientWindows {
    /// Frames in a window of `seconds`.
    public static func frames(seconds: Double, parameters: FrontendParameters = .device) -> Int {
        max(1, Int((seconds * 1000 / Double(parameters.stepMilliseconds)).rounded()))
    }

    /// Non-overlapping windows of `windowSeconds`; a last partial window is kept when it has at least
    /// `minimumSeconds` of frames, so little audio is lost from the hours count.
    public static func of(_ spectrogram: Spectrogram, windowSeconds: Double, minimumSeconds: Double = 1) -> [Spectrogram] {
        let size = frames(seconds: windowSeconds)
        let minimum = min(size, frames(seconds: minimumSeconds))
        return stride(from: 0, to: spectrogram.frameCount, by: size).compactMap { start in
            let end = min(start + size, spectrogram.frameCount)
            return end - start >= minimum ? spectrogram.frames(start ..< end) : nil
        }
    }
}
