import Support
import Training
@testable import Export

/// Small models with every variable random (batch-norm statistics and biases too, so folding is exercised),
/// and spectrograms to run them on.
enum TestModels {
    /// Shapes that cover every streaming case: the official layout, no first convolution with a stride of
    /// 2, residual blocks with repeats, a pooled head, a first kernel shorter than the stride, kernel-1 blocks.
    static let architectures: [(name: String, architecture: MixedNetArchitecture)] = [
        ("okay_nabu", MixedNetArchitecture()),
        ("no_first_conv", MixedNetArchitecture(stride: 2, firstConvFilters: 0, blocks: [
            .init(filters: 12, kernelSizes: [3, 5]), .init(filters: 8, kernelSizes: [4]),
        ], headFrames: 3)),
        ("residual", MixedNetArchitecture(stride: 3, firstConvFilters: 16, firstConvKernelSize: 5, blocks: [
            .init(filters: 24, repeats: 2, kernelSizes: [3, 5, 7], residual: true), .init(filters: 16, kernelSizes: [9], residual: true),
        ], headFrames: 4)),
        ("pooled", MixedNetArchitecture(stride: 3, firstConvFilters: 8, firstConvKernelSize: 3, blocks: [
            .init(filters: 8, kernelSizes: [1]), .init(filters: 8, kernelSizes: [5]),
        ], headFrames: 5, pooled: true)),
        ("single_frame_head", MixedNetArchitecture(stride: 1, firstConvFilters: 8, firstConvKernelSize: 4, blocks: [
            .init(filters: 8, kernelSizes: [3]),
        ], headFrames: 1)),
    ]

    /// A model of `architecture` with every variable drawn from `seed`.
    static func model(_ architecture: MixedNetArchitecture, seed: UInt64 = 1) throws -> MixedNet {
        let model = try MixedNet(architecture)
        model.initialize(seed: seed)
        for (index, parameter) in model.parameters.enumerated() {
            var generator = SeededGenerator(seed: seed, stream: 0xE7, UInt64(index))
            let variable = parameter.name.split(separator: "/").last.map(String.init) ?? ""
            var values = parameter.value.array
            switch variable {
            case "gamma": values = values.map { _ in Float(generator.uniform(0.6, 1.4)) }
            case "beta", "moving_mean": values = values.map { _ in Float(generator.uniform(-0.3, 0.3)) }
            case "moving_variance": values = values.map { _ in Float(generator.uniform(0.4, 2.0)) }
            case _ where variable.hasPrefix("bias"): values = values.map { _ in Float(generator.uniform(-0.1, 0.1)) }
            default: break
            }
            parameter.value.assign(values)
        }
        return model
    }

    /// A spectrogram of `frames` frames in raw frontend units: a slowly varying random walk with bursts,
    /// covering the range the frontend produces (float features up to ~26).
    static func spectrogram(frames: Int, seed: UInt64) -> [UInt16] {
        var generator = SeededGenerator(seed: seed, stream: 0x5EC)
        var level = [Double](repeating: 300, count: 40)
        var raw: [UInt16] = []
        for frame in 0 ..< frames {
            let burst = (frame / 37) % 3 == 1
            for c in 0 ..< 40 {
                level[c] = min(max(level[c] + generator.uniform(-40, 40), 0), 700)
                let value = burst ? level[c] + generator.uniform(0, 150) : level[c] * 0.6
                raw.append(UInt16(min(max(value, 0), 800)))
            }
        }
        return raw
    }

    static func floats(_ raw: [UInt16]) -> [Float] { raw.map { Float($0) * 0.0390625 } }

    /// `MixedNet`'s causal probabilities for one clip: output n is the n-th streaming step's (with no first
    /// convolution, the causal pass has one output per frame and step n is frame (n + 1)·stride − 1).
    static func causalProbabilities(_ model: MixedNet, _ features: [Float]) -> [Float] {
        let frames = features.count / 40
        var copy = features
        let all = copy.withUnsafeMutableBufferPointer { buffer in
            model.probabilities(Activations(pointer: buffer.baseAddress!, batch: 1, frames: frames, channels: 40), padding: .causal)
        }
        let stride = model.architecture.stride
        if model.architecture.firstConvFilters > 0 { return all }
        return (0 ..< frames / stride).map { all[($0 + 1) * stride - 1] }
    }
}
