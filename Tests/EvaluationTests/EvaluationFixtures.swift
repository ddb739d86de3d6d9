import Evaluation

/// Hand-known measurements, the Swift form of the Python reference's echo project (tests/evaluation/conftest.py):
/// positives whose outputs are all 200 and all 100, a negative at 50, and 0.6 s of ambient audio whose only
/// non-zero output is a 150 at the first inference.
enum EchoProject {
    static func measurements(ambientSeconds: Double = 0.6, ambient: [UInt8]? = nil) -> StreamMeasurements {
        StreamMeasurements(
            clips: [
                .init(name: "positive/testing #0", set: "positive", isWakeWord: true, outputs: [200, 200, 200]),
                .init(name: "positive/testing #1", set: "positive", isWakeWord: true, outputs: [100, 100, 100]),
                .init(name: "negative/testing #0", set: "negative", isWakeWord: false, outputs: [50, 50, 50]),
            ],
            ambient: [.init(name: "background/testing_ambient", outputs: ambient ?? ([150] + Array(repeating: 0, count: 19)))],
            ambientSeconds: ambientSeconds, stride: 3, frameSeconds: 0.01)
    }

    static let settings = EvaluationSettings(targetFalseAcceptsPerHour: 0.5, cooldownSteps: 0, slidingWindow: 1,
                                             clipIgnoreFrames: 0)
}
