import Support

/// Everything random about one augmented clip comes from one seed, derived from the run's seed, the source's
/// stable key and the repetition; so a clip never depends on which thread renders it or how many there are.
public enum ClipSeed {
    /// The seed of repetition `repetition` of the source with `key`, for a run seeded with `seed`.
    public static func seed(run seed: Int, key: UInt64, repetition: Int) -> UInt64 {
        var generator = SeededGenerator(seed: UInt64(bitPattern: Int64(seed)), stream: key, UInt64(repetition))
        return generator.next()
    }

    /// The generator for a clip's placement (position, crop, word-end jitter), apart from the streams
    /// the augmentation chain draws from.
    public static func placementGenerator(clipSeed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: clipSeed, stream: 0xC11B_0000)
    }

    /// A stable 63-bit key of a file (its path relative to the dataset), so its augmentation does not
    /// change when other files come or go.
    public static func key(relativePath: String) -> UInt64 {
        let digest = BLAKE2b.hash(Array(relativePath.utf8), digestLength: 8)
        return digest.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) } >> 1
    }
}
