import Features
import Foundation
import Frontend
import TestSupport
import Testing
import Training

/// A project folder as the pipeline leaves it after `wakesmith export`, small enough for the default suite:
/// feature stores of tones and noise (positive, negative, background with ambient test audio), a small
/// MixedNet with random weights as the run's best weights, exported by the real `wakesmith export`.
struct SmallExportedProject {
    let folder: TemporaryDirectory

    static let config = """
    model:
      first_conv_filters: 8
      pointwise_filters: [12, 12]
      repeat_in_block: [1, 1]
      mixconv_kernel_sizes: [[5], [3, 7]]
      residual_connection: [false, true]
      head_frames: 4
    features:
      work_dir: work
    training:
      run_dir: work/run
      batch_size: 16
      training_steps: [20]
      learning_rates: [0.001]
      positive_class_weight: [1.0]
      negative_class_weight: [1.0]
      time_mask_max_size: [0]
      time_mask_count: [0]
      freq_mask_max_size: [0]
      freq_mask_count: [0]
      eval_every: 10
      checkpoint_every: 10
      feature_sets:
        - {name: positive, path: work/features/positive, truth: true, truncation_strategy: truncate_start}
        - {name: negative, path: work/features/negative, truth: false}
        - {name: background, path: work/features/background, truth: false}
    export:
      output_dir: out
      model_name: my_word
      representative_samples: 100
      agreement_max_clips: 8
    evaluation:
      report_dir: out/report
    wake_word:
      phrase: hey there
    """

    /// `ambientSeconds` of ambient test audio in 10 s windows (noise, with a tone burst in every other one).
    init(name: String, ambientSeconds: Int = 60, export: Bool = true) throws {
        folder = TemporaryDirectory(name)
        try Self.config.write(to: folder.appending("config.yaml"), atomically: true, encoding: .utf8)
        let work = folder.appending("work").path
        for set in ["positive", "negative", "background"] {
            for split in ["training", "validation", "testing"] {
                let writer = try FeatureStoreWriter(splitFolder: FeatureStoreLayout.splitFolder(work: work, set: set, split: split))
                for index in 0 ..< 6 {
                    let base = set == "positive" ? 300.0 : set == "negative" ? 1200.0 : 2500.0
                    let tone = TestSignals.sine(frequency: base + 90 * Double(index), seconds: 1.5, amplitude: 0.3)
                    let noise = TestSignals.whiteNoise(seconds: 1.5, rms: 0.02, seed: UInt64(index + 1))
                    try writer.append(MicroFrontend().spectrogram(of: TestSignals.int16(zip(tone, noise).map(+))))
                }
                _ = try writer.commit([])
            }
        }
        for split in ["validation_ambient", "testing_ambient"] {
            let writer = try FeatureStoreWriter(splitFolder: FeatureStoreLayout.splitFolder(work: work, set: "background", split: split))
            for index in 0 ..< max(ambientSeconds / 10, 1) {
                var audio = TestSignals.whiteNoise(seconds: 10, rms: 0.05, seed: UInt64(100 + index))
                if index % 2 == 1 {
                    let burst = TestSignals.sine(frequency: 300 + 45 * Double(index), seconds: 1.5, amplitude: 0.3)
                    for (offset, value) in burst.enumerated() { audio[40000 + offset] += value }
                }
                try writer.append(MicroFrontend().spectrogram(of: TestSignals.int16(audio)))
            }
            _ = try writer.commit([])
        }
        let model = try MixedNet(MixedNetArchitecture(firstConvFilters: 8, blocks: [
            .init(filters: 12, kernelSizes: [5]), .init(filters: 12, kernelSizes: [3, 7], residual: true),
        ], headFrames: 4))
        model.initialize(seed: 5)
        try FileManager.default.createDirectory(at: folder.appending("work/run"), withIntermediateDirectories: true)
        try MixedNetWeightsFile.write(model, to: folder.appending("work/run/best.weights").path)
        guard export else { return }
        let exported = try runProcess(try #require(wakesmithExecutable), ["export", "--config", "config.yaml", "--quiet"],
                                      currentDirectory: folder.url)
        #expect(exported.status == 0, "export: \(exported.standardError)")
    }
}
