/// One training batch: float features `[batch, window, 40]`, a label and a loss weight per example.
/// Allocated once and refilled every step.
public final class LabelledBatch: @unchecked Sendable {
    public let batchSize: Int
    public let window: Int
    public let features: Tensor
    public let labels: Tensor
    public let weights: Tensor

    public init(batchSize: Int, window: Int) {
        self.batchSize = batchSize
        self.window = window
        features = Tensor(count: batchSize * window * SpectrogramFormat.channels)
        labels = Tensor(count: batchSize)
        weights = Tensor(count: batchSize)
    }

    /// The features as the model's input.
    public var activations: Activations {
        Activations(pointer: features.pointer, batch: batchSize, frames: window, channels: SpectrogramFormat.channels)
    }
}

/// What a training phase changes about its batches: class weights and SpecAugment.
public struct BatchSettings: Sendable, Equatable {
    public var positiveWeight: Float
    public var negativeWeight: Float
    public var specAugment: SpecAugment

    public init(positiveWeight: Float = 1, negativeWeight: Float = 1, specAugment: SpecAugment = SpecAugment()) {
        self.positiveWeight = positiveWeight
        self.negativeWeight = negativeWeight
        self.specAugment = specAugment
    }
}

/// Anything that fills training batches: the batch of step `step` must depend only on the source's data, its
/// seed and `step`, so a resumed run sees exactly the batches an uninterrupted one would.
public protocol BatchSource {
    /// Frames per example.
    var window: Int { get }
    func fill(_ batch: LabelledBatch, step: Int, settings: BatchSettings)
}
