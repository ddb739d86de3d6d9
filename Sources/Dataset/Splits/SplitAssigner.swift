import Config
import Support

/// Train/validation/test assignment decided per file by a hash, never by position in a list, exactly as
/// the Python reference (`wakesmith/audio/splits.py`) decides it, so both implementations put every file of a
/// tree in the same split.
///
/// A file's key is `group:<id>` when the group pattern finds a non-empty group in its file name, else
/// `path:<relative path>`. The key's BLAKE2b-64 digest, read big-endian and divided by 2^64, is a number in
/// [0, 1) compared with the cumulative ratios. Adding or removing files never moves another file, and all
/// files of a group (one voice, one speaker) share a split.
public struct SplitAssigner {
    public let ratios: SplitRatios
    public let groupPattern: GroupPattern?

    public init(ratios: SplitRatios, groupPattern: GroupPattern? = nil) {
        self.ratios = ratios
        self.groupPattern = groupPattern
    }

    /// The assigner a dataset configuration describes.
    public init(_ settings: DatasetConfig) throws(GroupPatternError) {
        self.init(ratios: settings.splits, groupPattern: try settings.groupPattern.map { (pattern) throws(GroupPatternError) in try GroupPattern(pattern) })
    }

    /// What the split is decided on. The pattern is searched in the file name only, not its folders.
    public func key(for relativePath: String) -> String {
        if let groupPattern {
            let name = relativePath.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? relativePath
            if let group = groupPattern.groupID(in: name) { return "group:" + group }
        }
        return "path:" + relativePath
    }

    public func split(for relativePath: String) -> Split {
        split(forKey: key(for: relativePath))
    }

    public func split(forKey key: String) -> Split {
        let value = Self.unitInterval(key)
        if value < ratios.train { return .train }
        if value < ratios.train + ratios.validation { return .validation }
        return .test
    }

    /// A stable pseudo-random number in [0, 1) for `key`.
    public static func unitInterval(_ key: String) -> Double {
        let digest = BLAKE2b.hash(Array(key.utf8), digestLength: 8)
        let number = digest.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Double(number) / 0x1p64
    }
}
