import Features
import Support

/// The spectrograms of one split of a feature set, read from its RaggedMmap stores (every `*_mmap` folder of
/// the split folder, in name order, read as one), memory-mapped by `Features.RaggedMmapReader`.
public struct StoreSpectrograms: SpectrogramSource, @unchecked Sendable {
    /// The split folder (`<set>/testing`, `<set>/testing_ambient`).
    public let folder: String
    let readers: [RaggedMmapReader]
    /// Item index where each reader's items begin.
    let offsets: [Int]
    public let count: Int

    /// The stores of `split` in the feature set folder `setFolder`; nil when the split has none.
    public init?(setFolder: String, split: String) throws(StoreError) {
        let folder = setFolder + "/" + split
        let stores = FeatureStoreLayout.mmapFolders(in: folder)
        guard !stores.isEmpty else { return nil }
        var readers: [RaggedMmapReader] = []
        for store in stores { readers.append(try FeatureStore.open(store)) }
        self.init(folder: folder, readers: readers)
    }

    init(folder: String, readers: [RaggedMmapReader]) {
        self.folder = folder
        self.readers = readers
        var offsets: [Int] = [], total = 0
        for reader in readers {
            offsets.append(total)
            total += reader.count
        }
        self.offsets = offsets
        count = total
    }

    /// Frames of all items together.
    public var totalFrames: Int {
        (0 ..< count).reduce(0) { total, index in
            let (reader, item) = locate(index)
            return total + reader.frameCount(of: item)
        }
    }

    public func frames(at index: Int) throws -> [UInt16] {
        let (reader, item) = locate(index)
        return reader.withFrames(of: item) { Array($0) }
    }

    private func locate(_ index: Int) -> (RaggedMmapReader, Int) {
        var r = readers.count - 1
        while offsets[r] > index { r -= 1 }
        return (readers[r], index - offsets[r])
    }
}
