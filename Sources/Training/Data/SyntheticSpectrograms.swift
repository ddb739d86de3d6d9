import Support

/// Realistic random spectrograms for benchmarks and tests: per clip a level per channel in 0…26 plus
/// uniform noise of ±6, clipped to 0…26 and stored in raw units, like real features.
public enum SyntheticSpectrograms {
    public static func make(count: Int, frames: Int, seed: UInt64) -> InMemorySpectrograms {
        var generator = SeededGenerator(seed: seed)
        var collection = InMemorySpectrograms()
        let channels = SpectrogramFormat.channels
        for _ in 0 ..< count {
            let levels = (0 ..< channels).map { _ in generator.uniform(0, 26) }
            var item = [UInt16](repeating: 0, count: frames * channels)
            for t in 0 ..< frames {
                for c in 0 ..< channels {
                    let value = min(max(levels[c] + generator.uniform(-6, 6), 0), 26)
                    item[t * channels + c] = UInt16((value * Double(SpectrogramFormat.rawPerFloat)).rounded())
                }
            }
            collection.append(item)
        }
        return collection
    }

    /// A positive set (truncate_start, sampling weight 2) and a negative set (random, weight 10) of
    /// synthetic clips, as the benchmark trains on.
    public static func featureSets(positives: Int = 500, negatives: Int = 1000, frames: Int = 320,
                                   seed: UInt64 = 0) -> [FeatureSet]
    {
        [
            FeatureSet(name: "positive", truth: true, samplingWeight: 2, truncation: .truncateStart,
                       training: make(count: positives, frames: frames, seed: seed)),
            FeatureSet(name: "negative", truth: false, samplingWeight: 10, truncation: .random,
                       training: make(count: negatives, frames: frames, seed: seed + 1)),
        ]
    }
}
