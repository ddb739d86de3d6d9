import Support
import Testing
@testable import Training

/// The whole network's backward pass (residual branches, repeats, both heads) against finite differences of
/// the weighted loss, on small shapes. ReLUs make the loss piecewise smooth, so a step may cross a kink:
/// a few coordinates may disagree, most must not.
@Suite struct MixedNetGradientTests {
    static let shapes: [MixedNetArchitecture] = [
        MixedNetArchitecture(stride: 2, firstConvFilters: 6, firstConvKernelSize: 3,
                             blocks: [.init(filters: 8, repeats: 2, kernelSizes: [3, 5], residual: true),
                                      .init(filters: 7, kernelSizes: [4])],
                             headFrames: 3),
        MixedNetArchitecture(stride: 1, firstConvFilters: 0,
                             blocks: [.init(filters: 9, kernelSizes: [3], residual: true)], headFrames: 2, pooled: true),
    ]

    @Test(arguments: shapes) func lossGradientMatchesFiniteDifferences(architecture: MixedNetArchitecture) throws {
        let model = try MixedNet(architecture)
        model.initialize(seed: 3)
        let batch = 18, window = model.window
        let input = randomTensor(batch * window * 40, seed: 4)
        let view = Activations(pointer: input.pointer, batch: batch, frames: window, channels: 40)
        var generator = SeededGenerator(seed: 5)
        let labels = Tensor((0 ..< batch).map { _ in Float(generator.integer(in: 0 ... 1)) })
        let weights = Tensor((0 ..< batch).map { _ in Float(generator.uniform(1, 10)) })
        let gradient = Tensor(count: batch)
        func loss() -> Double {
            let logits = model.forward(view, mode: .training)
            return WeightedBinaryCrossEntropy().evaluate(logits: logits.pointer, labels: labels.pointer,
                                                         weights: weights.pointer, batch: batch,
                                                         logitGradient: gradient.pointer).loss
        }
        _ = loss()
        model.backward(Activations(pointer: gradient.pointer, batch: batch, frames: 1, channels: 1))
        let analytic = model.trainableParameters.map { ($0, $0.gradient.array) }
        let check = GradientCheck(step: 1e-3, relativeTolerance: 5e-2, absoluteTolerance: 1e-3, samples: 12)
        var report = GradientCheck.Report()
        for (parameter, values) in analytic {
            for i in check.indices(parameter.count) {
                let saved = parameter.value[i]
                parameter.value[i] = saved + check.step
                let plus = loss()
                parameter.value[i] = saved - check.step
                let minus = loss()
                parameter.value[i] = saved
                check.compare("\(parameter.name)[\(i)]", analytic: values[i],
                              numeric: (plus - minus) / Double(2 * check.step), into: &report)
            }
        }
        #expect(report.checked > 80)
        #expect(report.passRate >= 0.95, "\(report)")
    }
}

extension MixedNetArchitecture: CustomTestStringConvertible {
    public var testDescription: String {
        "stride \(stride), first conv \(firstConvFilters), blocks \(blocks.map(\.kernelSizes)), pooled \(pooled)"
    }
}
