/// Spectrograms of one split of one feature set, in the frontend's raw units (uint16, 40 channels per
/// frame, frames contiguous): the interface the feature stores implement for training. Item `i` has
/// `frameCount(of: i)` frames.
public protocol SpectrogramCollection {
    /// Number of spectrograms.
    var count: Int { get }
    /// Frames of spectrogram `index`.
    func frameCount(of index: Int) -> Int
    /// Calls `body` with the `frameCount(of: index) · 40` raw values of spectrogram `index`.
    func withFrames<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R
}

extension SpectrogramCollection {
    /// Total frames of all spectrograms.
    public var totalFrames: Int { (0 ..< count).reduce(0) { $0 + frameCount(of: $1) } }
}

/// Spectrograms held in memory (tests, benchmarks, mined hard negatives).
public struct InMemorySpectrograms: SpectrogramCollection, Sendable {
    /// Every spectrogram's frames back to back.
    public private(set) var frames: [UInt16] = []
    /// Where each spectrogram starts in `frames`, in frames.
    public private(set) var starts: [Int] = []
    public private(set) var lengths: [Int] = []

    public init() {}

    /// A collection of `items`, each `frames · 40` raw values.
    public init(_ items: [[UInt16]]) {
        for item in items { append(item) }
    }

    /// Adds one spectrogram (`frames · 40` raw values).
    public mutating func append(_ item: [UInt16]) {
        precondition(item.count % SpectrogramFormat.channels == 0, "a spectrogram has 40 values per frame")
        starts.append(frames.count / SpectrogramFormat.channels)
        lengths.append(item.count / SpectrogramFormat.channels)
        frames += item
    }

    public var count: Int { lengths.count }
    public func frameCount(of index: Int) -> Int { lengths[index] }

    public func withFrames<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        frames.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[starts[index] * SpectrogramFormat.channels ..< (starts[index] + lengths[index]) * SpectrogramFormat.channels]))
        }
    }
}

/// The feature stores' units as the model sees them.
public enum SpectrogramFormat {
    /// Channels per frame.
    public static let channels = 40
    /// Feature milliseconds per frame (the manifest's feature_step_size).
    public static let frameMilliseconds = 10
    /// Raw uint16 frontend units per float feature unit: float = raw / 25.6 (exactly raw · 0.0390625).
    public static let rawPerFloat: Float = 25.6
    /// The factor from raw units to the float features the model reads.
    public static let floatPerRaw: Float = 0.0390625
}
