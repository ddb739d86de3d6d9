import Features
import Support

/// A split's RaggedMmap stores (`Features.FeatureStoreSpectrograms`) are a spectrogram collection.
extension FeatureStoreSpectrograms: SpectrogramCollection {
    /// The stores of `split` in `set`'s folder, every item checked to be [frames, 40]; nil when the split
    /// has none.
    public init?(set: FeatureSetDescription, split: String) throws {
        guard let stores = try FeatureStoreSpectrograms(setFolder: set.folder, split: split) else { return nil }
        for reader in stores.readers {
            for index in 0 ..< reader.count {
                let shape = reader.shapes[index]
                guard shape.count == 2, shape[1] == SpectrogramFormat.channels else {
                    throw TrainingError.data("\(reader.folder): item \(index) has shape \(shape), not [frames, 40]",
                                             hint: "run `wakesmith features --config …` again to rebuild the store")
                }
            }
        }
        self = stores
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
