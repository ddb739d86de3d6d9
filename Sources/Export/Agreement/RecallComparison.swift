import Foundation
import Metrics
import Support
import Training

/// Recall at a false-accept rate (0.5 per hour by default), float model against int8 model, on the same test
/// split scored the same way `wakesmith eval` scores the device (the Python reference's `evaluate`):
///
/// - every labelled test clip (positive against negative and background) from a fresh state; a clip's score is
///   its highest sliding-window mean over the inferences the device may detect at (none in the first
///   `ignoreFrames` frames); the int8 score is the ceiling of that mean in uint8 units, so comparing it with
///   `int(cutoff × 255)` is the device's decision;
/// - the ambient test audio as one continuous stream, false accepts counted on the sliding-window mean with a
///   cool-down of `cooldownSteps` inferences;
/// - at each model's own best cutoff: the most recall among the cutoffs whose point-estimate rate is at or
///   below the target (`Metrics.recallAtRate`, highest cutoff on ties).
///
/// The float side is the trained network's causal pass on float features, the int8 side the exported model
/// in the emulator with the device's integer input mapping (`FloatInt8Agreement.run`).
public struct RecallComparison: Sendable, Equatable {
    /// One model's operating point at the target rate.
    public struct OperatingPoint: Sendable, Equatable {
        public var recall: Double
        public var cutoff: Double
        /// False accepts counted on the ambient audio at `cutoff`.
        public var falseAccepts: Int
    }

    /// How clips and ambient audio are scored.
    public struct Scoring: Sendable, Equatable {
        public var targetPerHour: Double
        public var slidingWindow: Int
        public var cooldownSteps: Int
        public var ignoreFrames: Int
        public var stride: Int

        public init(targetPerHour: Double = 0.5, slidingWindow: Int = 5, cooldownSteps: Int = 75, ignoreFrames: Int = 100,
                    stride: Int)
        {
            self.targetPerHour = targetPerHour
            self.slidingWindow = max(slidingWindow, 1)
            self.cooldownSteps = max(cooldownSteps, 0)
            self.ignoreFrames = max(ignoreFrames, 0)
            self.stride = max(stride, 1)
        }

        /// The first inference (0-based) the device may detect at: inference j ends at frame (j + 1) × stride.
        var firstEligible: Int { max((ignoreFrames + stride - 1) / stride - 1, 0) }
    }

    /// The largest recall difference (float − int8, either way) the export calls good: 2 points.
    public static let tolerance = 0.02

    public var scoring: Scoring
    public var positives: Int
    public var negatives: Int
    public var ambientHours: Double
    public var float: OperatingPoint
    public var int8: OperatingPoint

    public var difference: Double { float.recall - int8.recall }
    public var passed: Bool { abs(difference) <= Self.tolerance + 1e-12 }

    /// Scores `labelled` (with `labels`, true for the wake word) and the ambient stream's outputs.
    public init(labelled: [FloatInt8Agreement.ClipOutputs], labels: [Bool], ambient: FloatInt8Agreement.ClipOutputs,
                ambientFrames: Int, scoring: Scoring) throws(MetricsError)
    {
        guard labelled.count == labels.count else {
            throw MetricsError.mismatchedLengths("\(labelled.count) clips but \(labels.count) labels")
        }
        self.scoring = scoring
        positives = labels.filter { $0 }.count
        negatives = labels.count - positives
        ambientHours = Double(ambientFrames * SpectrogramFormat.frameMilliseconds) / 3_600_000
        let window = scoring.slidingWindow, first = scoring.firstEligible
        func best(_ sums: [Double]) -> Double { first < sums.count ? sums[first...].max() ?? 0 : 0 }
        let floatScores = labelled.map { clip in
            best(ModelScores.probabilities(clip.float.map(Double.init)).windowSums(window)) / Double(window)
        }
        let int8Scores = labelled.map { clip in
            UInt8(clamping: (Int(best(ModelScores.deviceOutputs(clip.int8).windowSums(window))) + window - 1) / window)
        }
        let counting = FalseAcceptCounting(cooldownSteps: scoring.cooldownSteps, slidingWindow: window)
        float = try Self.operatingPoint(.probabilities(floatScores), labels: labels,
                                        stream: .probabilities(ambient.float.map(Double.init)), hours: ambientHours,
                                        counting: counting, target: scoring.targetPerHour)
        int8 = try Self.operatingPoint(.deviceOutputs(int8Scores), labels: labels, stream: .deviceOutputs(ambient.int8),
                                       hours: ambientHours, counting: counting, target: scoring.targetPerHour)
    }

    static func operatingPoint(_ scores: ModelScores, labels: [Bool], stream: ModelScores, hours: Double,
                               counting: FalseAcceptCounting, target: Double) throws(MetricsError) -> OperatingPoint
    {
        let curves = try ClassificationCurves(scores: scores, labels: labels)
        let rates = try FalseAcceptRates(streams: [stream], hours: hours, counting: counting)
        let point = try recallAtRate(recall: curves.recall, perHour: rates.perHour, target: target)
        let index = rates.cutoffs.firstIndex { abs($0 - point.cutoff) < 1e-9 } ?? rates.cutoffs.count - 1
        return OperatingPoint(recall: point.recall, cutoff: point.cutoff, falseAccepts: rates.counts[index])
    }

    public var summary: String {
        let verdict = passed ? "ok" : "MORE than \(Int(Self.tolerance * 100)) points apart"
        return "recall at \(number(scoring.targetPerHour, 2)) false accepts/h (\(positives) wake-word and \(negatives) other test clips, "
            + "\(number(ambientHours, 2)) h ambient): float \(number(float.recall * 100, 2)) % at cutoff \(number(float.cutoff, 2)), "
            + "int8 \(number(int8.recall * 100, 2)) % at cutoff \(number(int8.cutoff, 2)) (\(verdict))"
    }

    public var json: JSONValue {
        func side(_ point: OperatingPoint) -> JSONValue {
            .object([(key: "recall", value: .number(point.recall)), (key: "cutoff", value: .number(point.cutoff)),
                     (key: "false_accepts", value: .integer(point.falseAccepts))])
        }
        return .object([
            (key: "target_false_accepts_per_hour", value: .number(scoring.targetPerHour)),
            (key: "sliding_window", value: .integer(scoring.slidingWindow)),
            (key: "cooldown_steps", value: .integer(scoring.cooldownSteps)),
            (key: "clip_ignore_frames", value: .integer(scoring.ignoreFrames)),
            (key: "positive_clips", value: .integer(positives)), (key: "other_clips", value: .integer(negatives)),
            (key: "ambient_hours", value: .number(ambientHours)),
            (key: "float", value: side(float)), (key: "int8", value: side(int8)),
            (key: "difference", value: .number(difference)), (key: "tolerance", value: .number(Self.tolerance)),
            (key: "passed", value: .bool(passed)),
        ])
    }

    private func number(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
}
