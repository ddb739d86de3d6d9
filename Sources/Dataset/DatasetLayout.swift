/// The dataset folder's layout: one sub-folder per kind of audio, the cache folder, the three splits.
/// Every stage that walks a dataset takes these names from here.
public enum DatasetLayout {
    /// Where wakesmith keeps scan caches and converted copies inside a dataset folder.
    public static let cacheFolderName = ".wakesmith-cache"
    /// File name endings of audio files a scan picks up (lowercased).
    public static let audioSuffixes = [".wav", ".flac"]
}

/// What a file in the dataset is for; also the name of its sub-folder.
public enum SampleKind: String, CaseIterable, Sendable, Codable {
    /// The wake phrase.
    case positive
    /// Speech that is not the wake phrase.
    case negative
    /// Long recordings without the phrase (augmentation noise and false-accept measurement).
    case background
    /// Room impulse responses.
    case rir
}

/// Which part of the data a file serves: fitting, choosing checkpoints, or the final evaluation.
public enum Split: String, CaseIterable, Sendable, Codable {
    case train
    case validation
    case test
}
