import Frontend
import Support

/// One split of a feature set as its RaggedMmap stores hold it: every `*_mmap` folder of the split folder,
/// in name order, read as one, each memory-mapped by `RaggedMmapReader`. Training reads it as a
/// `SpectrogramCollection`, evaluation and mining as a `SpectrogramSource` (each module adds the conformance).
public struct FeatureStoreSpectrograms: @unchecked Sendable {
    /// The split folder (`<set>/training`, `<set>/testing_ambient`, …).
    public let folder: String
    /// One reader per `*_mmap` folder, in name order.
    public let readers: [RaggedMmapReader]
    /// Item index where each reader's items begin.
    private let offsets: [Int]
    /// Items of all stores together.
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

    /// Stores already open, read as one in the order given.
    public init(folder: String, readers: [RaggedMmapReader]) {
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
        (0 ..< count).reduce(0) { $0 + frameCount(of: $1) }
    }

    /// Frames of item `index`.
    public func frameCount(of index: Int) -> Int {
        let (reader, item) = locate(index)
        return reader.frameCount(of: item)
    }

    /// Calls `body` with item `index`'s raw values (straight from the mapped file for uint16 stores).
    public func withFrames<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let (reader, item) = locate(index)
        return reader.withFrames(of: item, body)
    }

    /// Item `index`'s raw values, frame after frame.
    public func frames(at index: Int) -> [UInt16] {
        withFrames(of: index) { Array($0) }
    }

    private func locate(_ index: Int) -> (RaggedMmapReader, Int) {
        var r = readers.count - 1
        while offsets[r] > index { r -= 1 }
        return (readers[r], index - offsets[r])
    }
}
