import Features
import Support

/// Spectrograms from the feature stores for export: representative clips for calibration (the training
/// split) and test clips for the float-versus-int8 agreement (the testing split), drawn from the positive
/// and negative sets in turn so both the wake word and ordinary audio are covered, each set in a seeded
/// random order. Clips are raw frontend values, 40 per frame.
public enum FeatureClips {
    /// The sets drawn from, in turn.
    public static let sets = ["positive", "negative"]

    /// Clips of `split` until they hold `frames` frames (or every clip is taken).
    public static func representative(work: String, split: String = "training", frames: Int,
                                      seed: UInt64) throws(StoreError) -> [[UInt16]]
    {
        var total = 0
        return try draw(work: work, split: split, seed: seed) { clip in
            guard total < frames else { return false }
            total += clip.count / 40
            return true
        }
    }

    /// At most `count` clips of `split` (every clip when nil).
    public static func sample(work: String, split: String = "testing", count: Int?, seed: UInt64) throws(StoreError) -> [[UInt16]] {
        var taken = 0
        return try draw(work: work, split: split, seed: seed) { _ in
            guard taken < count ?? Int.max else { return false }
            taken += 1
            return true
        }
    }

    /// The test split as `wakesmith eval` reads it: the `testing` stores of the positive (wake word), negative
    /// and background sets, and the background `testing_ambient` store as one continuous stream (its windows
    /// are consecutive cuts of the long recordings).
    public struct TestSplit: Sendable {
        public var clips: [[UInt16]]
        /// One per clip: true for the wake word.
        public var labels: [Bool]
        /// The ambient windows joined in store order (raw values, 40 per frame).
        public var ambient: [UInt16]
        public var ambientFrames: Int { ambient.count / 40 }
    }

    /// The labelled sets of the test split and whether each is the wake word.
    public static let testSets = [("positive", true), ("negative", false), ("background", false)]

    /// The whole test split under `work`. Missing negative or background stores are skipped; a missing or
    /// empty positive or ambient store is an error saying to build features.
    public static func testSplit(work: String) throws(StoreError) -> TestSplit {
        var split = TestSplit(clips: [], labels: [], ambient: [])
        for (set, truth) in testSets {
            let store: RaggedMmapReader
            do {
                store = try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: set, split: "testing"))
            } catch {
                if truth { throw error }
                continue
            }
            for item in 0 ..< store.count {
                split.clips.append(store.values(item))
                split.labels.append(truth)
            }
        }
        let ambient = try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: "background", split: "testing_ambient"))
        for item in 0 ..< ambient.count { split.ambient += ambient.values(item) }
        return split
    }

    /// Clips alternating between the sets while `take` accepts them. Missing stores are skipped; when every
    /// store is missing, the first one's error says to build features.
    static func draw(work: String, split: String, seed: UInt64, take: ([UInt16]) -> Bool) throws(StoreError) -> [[UInt16]] {
        var stores: [RaggedMmapReader] = []
        var missing: StoreError?
        for set in sets {
            do {
                stores.append(try FeatureStore.open(FeatureStoreLayout.splitFolder(work: work, set: set, split: split)))
            } catch {
                missing = missing ?? error
            }
        }
        if stores.isEmpty, let missing { throw missing }
        var orders = stores.enumerated().map { index, store in
            var generator = SeededGenerator(seed: seed, stream: 0xC11B, UInt64(index))
            return shuffled(store.count, &generator)
        }
        var clips: [[UInt16]] = []
        while orders.contains(where: { !$0.isEmpty }) {
            for (index, store) in stores.enumerated() {
                guard let item = orders[index].popLast() else { continue }
                let clip = store.values(item)
                guard take(clip) else { return clips }
                clips.append(clip)
            }
        }
        return clips
    }

    /// 0..<count in a random order (Fisher–Yates on our generator, so the order never changes with the
    /// standard library).
    static func shuffled(_ count: Int, _ generator: inout SeededGenerator) -> [Int] {
        var order = Array(0 ..< count)
        guard count > 1 else { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Int(generator.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        return order
    }
}
