import Support
import Testing
@testable import Training

/// Every layer's backward pass against finite differences (see `GradientCheck`). Batches of 20 examples
/// span two chunks of the `ChunkPlan`, so the per-chunk partial sums are exercised too.
@Suite struct LayerGradientTests {
    let batch = 20

    @Test func stridedConvolutionWithoutReLU() {
        let layer = StridedConvolution(name: "conv", kernelSize: 5, stride: 3, inputChannels: 6, filters: 4, appliesReLU: false)
        randomizeParameters(layer.parameters, seed: 2)
        let input = randomTensor(batch * 17 * 6, seed: 3)
        let report = GradientCheck().check(layer, input: input, batch: batch, frames: 17, channels: 6)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test func stridedConvolutionWithReLU() {
        let layer = StridedConvolution(name: "conv", kernelSize: 3, stride: 2, inputChannels: 5, filters: 9, appliesReLU: true)
        randomizeParameters(layer.parameters, seed: 4)
        let input = randomTensor(batch * 11 * 5, seed: 5)
        // A step can push a pre-activation across zero, where the derivative jumps: allow a few such points.
        let report = GradientCheck(step: 1e-3, relativeTolerance: 3e-2).check(layer, input: input, batch: batch,
                                                                               frames: 11, channels: 5)
        #expect(report.passRate >= 0.95, "\(report)")
    }

    @Test func pointwiseConvolution() {
        let layer = PointwiseConvolution(name: "pw", inputChannels: 12, filters: 10)
        randomizeParameters(layer.parameters, seed: 6)
        let report = GradientCheck().check(layer, input: randomTensor(batch * 7 * 12, seed: 7), batch: batch,
                                           frames: 7, channels: 12)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test(arguments: [[5], [7, 11], [3, 4, 6]])
    func mixedDepthwiseConvolution(kernels: [Int]) {
        // 19 channels: groups of unequal width and not a multiple of the 8-lane vectors.
        let layer = MixedDepthwiseConvolution(name: "mix", kernelSizes: kernels, channels: 19)
        randomizeParameters(layer.parameters, seed: 8)
        let report = GradientCheck().check(layer, input: randomTensor(batch * 16 * 19, seed: 9), batch: batch,
                                           frames: 16, channels: 19)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test(arguments: [ForwardMode.training, .inference])
    func batchNormalization(mode: ForwardMode) {
        let layer = BatchNormalization(name: "bn", channels: 11, momentum: 0.9)
        randomizeParameters(layer.parameters, seed: 10, scale: 0.5)
        let input = randomTensor(batch * 5 * 11, seed: 11, scale: 2)
        for i in 0 ..< input.count { input[i] += Float(i % 11) * 0.3 }
        let report = GradientCheck(step: 2e-2).check(layer, input: input, batch: batch, frames: 5, channels: 11, mode: mode)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test func reluAwayFromItsKink() {
        let layer = ReLU(name: "relu")
        let report = GradientCheck().check(layer, input: randomTensor(batch * 4 * 9, seed: 12, margin: 0.05),
                                           batch: batch, frames: 4, channels: 9)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test(arguments: [1, 6])
    func temporalHead(frames: Int) {
        let layer = TemporalHead(name: "head", frames: frames, channels: 13)
        randomizeParameters(layer.parameters, seed: 13)
        let report = GradientCheck().check(layer, input: randomTensor(batch * 8 * 13, seed: 14), batch: batch,
                                           frames: 8, channels: 13)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test func averagePooling() {
        let layer = AveragePooling(name: "pool", size: 4)
        let report = GradientCheck().check(layer, input: randomTensor(batch * 9 * 5, seed: 15), batch: batch,
                                           frames: 9, channels: 5)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test func keepLastFrames() {
        let layer = KeepLastFrames(name: "crop", frames: 3)
        let report = GradientCheck().check(layer, input: randomTensor(batch * 8 * 5, seed: 16), batch: batch,
                                           frames: 8, channels: 5)
        #expect(report.failures.isEmpty, "\(report)")
    }

    @Test func weightedBinaryCrossEntropy() {
        let logits = randomTensor(batch, seed: 17, scale: 3)
        var generator = SeededGenerator(seed: 18)
        let labels = Tensor((0 ..< batch).map { _ in Float(generator.integer(in: 0 ... 1)) })
        let weights = Tensor((0 ..< batch).map { _ in Float(generator.uniform(0.5, 20)) })
        let gradient = Tensor(count: batch)
        let loss = WeightedBinaryCrossEntropy()
        _ = loss.evaluate(logits: logits.pointer, labels: labels.pointer, weights: weights.pointer, batch: batch,
                          logitGradient: gradient.pointer)
        let scratch = Tensor(count: batch)
        for b in 0 ..< batch {
            let h: Float = 1e-2, saved = logits[b]
            logits[b] = saved + h
            let plus = loss.evaluate(logits: logits.pointer, labels: labels.pointer, weights: weights.pointer,
                                     batch: batch, logitGradient: scratch.pointer).loss
            logits[b] = saved - h
            let minus = loss.evaluate(logits: logits.pointer, labels: labels.pointer, weights: weights.pointer,
                                      batch: batch, logitGradient: scratch.pointer).loss
            logits[b] = saved
            let numeric = (plus - minus) / Double(2 * h)
            #expect(abs(numeric - Double(gradient[b])) <= 1e-3 + 1e-2 * abs(numeric), "example \(b)")
        }
    }
}
