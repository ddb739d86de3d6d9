import Features

/// A split's RaggedMmap stores (`Features.FeatureStoreSpectrograms`) are a spectrogram source.
extension FeatureStoreSpectrograms: SpectrogramSource {}
