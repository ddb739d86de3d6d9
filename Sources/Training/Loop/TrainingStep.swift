/// One optimisation step of a MixedNet: fill the batch, forward in training mode, the weighted loss,
/// backward, Adam. Buffers are allocated once; every part is timed.
public final class TrainingStep: @unchecked Sendable {
    public let model: MixedNet
    public let optimizer: Adam
    public let batch: LabelledBatch
    public private(set) var timings = StepTimings()
    private let logitGradient: Tensor
    private let lastLogits: Tensor

    public init(model: MixedNet, batchSize: Int, learningRate: Float = 0.001) {
        GEMM.configure()
        self.model = model
        optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
        batch = LabelledBatch(batchSize: batchSize, window: model.window)
        logitGradient = Tensor(count: batchSize)
        lastLogits = Tensor(count: batchSize)
    }

    /// Runs step `step` on a batch from `source`; returns the batch's loss and accuracy.
    @discardableResult
    public func run(step: Int, source: any BatchSource, settings: BatchSettings) -> (loss: Double, accuracy: Double) {
        var clock = monotonicNanoseconds()
        func lap(_ part: StepTimings.Part) {
            let now = monotonicNanoseconds()
            timings.add(part, now - clock)
            clock = now
        }
        source.fill(batch, step: step, settings: settings)
        lap(.batch)
        let logits = model.forward(batch.activations, mode: .training)
        // The loss reads each example's last output (training windows give exactly one).
        for b in 0 ..< batch.batchSize { lastLogits[b] = logits.row(b, logits.frames - 1)[0] }
        let result = WeightedBinaryCrossEntropy().evaluate(
            logits: lastLogits.pointer, labels: batch.labels.pointer, weights: batch.weights.pointer,
            batch: batch.batchSize, logitGradient: logitGradient.pointer)
        lap(.forward)
        model.backward(Activations(pointer: logitGradient.pointer, batch: batch.batchSize, frames: 1, channels: 1))
        lap(.backward)
        optimizer.step()
        lap(.optimizer)
        timings.countStep()
        return result
    }

    /// Forgets the timings so far (after warm-up).
    public func resetTimings() { timings = StepTimings() }
}
