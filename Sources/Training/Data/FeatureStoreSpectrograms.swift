import Features
import Support

/// One split of a feature set as its RaggedMmap stores hold it (several `*_mmap` folders read as one,
/// in name order), memory-mapped by `Features.RaggedMmapReader`.
public struct FeatureStoreSpectrograms: SpectrogramCollection, @unchecked Sendable {
    let readers: [RaggedMmapReader]
    /// Item index where each reader's items begin.
    let offsets: [Int]
    public let count: Int

    /// The stores of `split` in `set`'s folder; nil when the split has none.
    public init?(set: FeatureSetDescription, split: String) throws {
        let folders = set.storeFolders(split: split)
        guard !folders.isEmpty else { return nil }
        var readers: [RaggedMmapReader] = []
        for folder in folders {
            let reader = try FeatureStore.open(folder)
            for index in 0 ..< reader.count {
                let shape = reader.shapes[index]
                guard shape.count == 2, shape[1] == SpectrogramFormat.channels else {
                    throw TrainingError.data("\(folder): item \(index) has shape \(shape), not [frames, 40]",
                                             hint: "run `wakesmith features --config …` again to rebuild the store")
                }
            }
            readers.append(reader)
        }
        self.readers = readers
        var offsets: [Int] = [], total = 0
        for reader in readers {
            offsets.append(total)
            total += reader.count
        }
        self.offsets = offsets
        count = total
    }

    private func locate(_ index: Int) -> (RaggedMmapReader, Int) {
        var r = readers.count - 1
        while offsets[r] > index { r -= 1 }
        return (readers[r], index - offsets[r])
    }

    public func frameCount(of index: Int) -> Int {
        let (reader, item) = locate(index)
        return reader.shapes[item][0]
    }

    public func withFrames<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt16>) -> R) -> R {
        let (reader, item) = locate(index)
        return reader.values(item).withUnsafeBufferPointer(body)
    }
}

extension FeatureSet {
    /// A configured feature set with its training, validation and validation-ambient stores.
    public init(description: FeatureSetDescription) throws {
        self.init(name: description.name, truth: description.truth, samplingWeight: description.samplingWeight,
                  penaltyWeight: description.penaltyWeight, truncation: description.truncation,
                  training: try FeatureStoreSpectrograms(set: description, split: "training"),
                  validation: try FeatureStoreSpectrograms(set: description, split: "validation"),
                  validationAmbient: try FeatureStoreSpectrograms(set: description, split: "validation_ambient"))
    }
}
