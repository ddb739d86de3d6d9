import ESPHome
import Foundation
import Metrics

/// Everything evaluation concludes from a model's outputs on the test audio: per-cutoff metrics, false accepts
/// per hour with their hours and upper bounds, the chosen cutoff, and the traces worth looking at.
public struct EvaluationResult: Sendable {
    public let settings: EvaluationSettings
    public let cutoffs: [Double]
    /// Each labelled clip's device-equivalent score (see `clipScore`) and label.
    public let clipScores: [UInt8]
    public let labels: [Bool]
    public let classification: ClassificationCurves
    /// False accepts on the device's sliding-window mean (what the cutoff is chosen on), and on raw outputs.
    public let windowRates: FalseAcceptRates
    public let rawRates: FalseAcceptRates
    /// The manifest's cutoff, chosen against the upper bound (`CutoffChoice`).
    public let choice: CutoffChoice
    /// What the point estimate alone would have claimed at the target: the reference's rule, for contrast.
    public let pointEstimateClaim: (recall: Double, cutoff: Double)
    /// The choice the same rule makes at each reported rate.
    public let operatingPoints: [CutoffChoice]
    public let averageViableRecall: Double
    public let averageViableRecallRaw: Double
    /// Clips per feature set, in the order they came.
    public let clipCounts: [(set: String, count: Int)]
    public let ambientRecordings: Int
    /// Positive clips missed at the chosen cutoff (all of them), and up to `traceLimit` of them, nearest misses first.
    public let missedPositiveCount: Int
    public let missedPositives: [Trace]
    /// The moments around false accepts at the chosen cutoff, up to `traceLimit`, highest peaks first; when
    /// there is none, the ambient moments that came closest (`ambientTracesAreFalseAccepts` false).
    public let ambientTraces: [Trace]
    public let ambientTracesAreFalseAccepts: Bool
    /// Things a reader must know to trust the numbers.
    public let notes: [String]

    /// Traces kept for the report.
    public static let traceLimit = 6

    public init(measurements: StreamMeasurements, settings: EvaluationSettings,
                cutoffs: [Double] = Cutoffs.standard) throws
    {
        self.settings = settings
        self.cutoffs = cutoffs
        let stride = measurements.stride, window = settings.slidingWindow
        let scores = measurements.clips.map {
            clipScore(outputs: $0.outputs, slidingWindow: window, stride: stride, ignoreFrames: settings.clipIgnoreFrames)
        }
        let labels = measurements.clips.map(\.isWakeWord)
        clipScores = scores
        self.labels = labels
        guard labels.contains(true) else { throw EvaluationError.noPositiveClips }
        guard measurements.ambientSeconds > 0, measurements.ambient.contains(where: { !$0.outputs.isEmpty }) else {
            throw EvaluationError.noAmbientAudio
        }
        classification = try ClassificationCurves(scores: .deviceOutputs(clipScores), labels: labels, cutoffs: cutoffs)
        let streams = measurements.ambient.map { ModelScores.deviceOutputs($0.outputs) }
        let hours = measurements.ambientHours
        let windowCounting = FalseAcceptCounting(cooldownSteps: settings.cooldownSteps, slidingWindow: window)
        let windowRates = try FalseAcceptRates(streams: streams, hours: hours, counting: windowCounting, cutoffs: cutoffs)
        self.windowRates = windowRates
        rawRates = try FalseAcceptRates(streams: streams, hours: hours,
                                        counting: FalseAcceptCounting(cooldownSteps: settings.cooldownSteps, slidingWindow: 1),
                                        cutoffs: cutoffs)
        let recall = classification.recall
        let target = settings.targetFalseAcceptsPerHour
        choice = try CutoffChoice(recall: recall, rates: windowRates, target: target)
        pointEstimateClaim = try recallAtRate(recall: recall, perHour: windowRates.perHour, target: target, cutoffs: cutoffs)
        operatingPoints = try settings.operatingRates.map { rate throws(MetricsError) in
            try CutoffChoice(recall: recall, rates: windowRates, target: rate)
        }
        averageViableRecall = try Metrics.averageViableRecall(recall: recall, perHour: windowRates.perHour)
        averageViableRecallRaw = try Metrics.averageViableRecall(recall: recall, perHour: rawRates.perHour)
        var counts: [(set: String, count: Int)] = []
        for clip in measurements.clips {
            if let index = counts.firstIndex(where: { $0.set == clip.set }) { counts[index].count += 1 }
            else { counts.append((clip.set, 1)) }
        }
        clipCounts = counts
        ambientRecordings = measurements.ambient.count

        let threshold = ProbabilityCutoff.quantized(choice.cutoff)
        let missed = measurements.clips.indices.filter { labels[$0] && Int(scores[$0]) <= threshold }
        missedPositiveCount = missed.count
        missedPositives = missed.sorted { scores[$0] > scores[$1] }.prefix(Self.traceLimit).map { index in
            let clip = measurements.clips[index]
            let means = ModelScores.deviceOutputs(clip.outputs).windowSums(window).map { $0 / Double(window) / 255 }
            return Trace(title: "\(clip.name) (best window mean \(scores[index]) / 255)", outputs: clip.outputs,
                         windowMeans: means, startSeconds: 0, inferenceSeconds: measurements.inferenceSeconds)
        }
        let accepts = Self.falseAcceptTraces(measurements, counting: windowCounting, cutoff: choice.cutoff)
        ambientTracesAreFalseAccepts = !accepts.isEmpty
        ambientTraces = accepts.isEmpty ? Self.closestCalls(measurements, slidingWindow: window) : accepts
        notes = Self.notes(choice: choice, rates: windowRates, claim: pointEstimateClaim, target: target,
                           missed: missedPositiveCount, positives: labels.filter { $0 }.count)
    }

    /// The line a user picks a cutoff from; its format is a contract of the report.
    public var headline: String {
        Self.headline(recall: choice.recall, target: settings.targetFalseAcceptsPerHour, cutoff: choice.cutoff)
    }

    /// `recall X % at T false accepts/hour (cutoff C)`.
    public static func headline(recall: Double, target: Double, cutoff: Double) -> String {
        "recall \(String(format: "%.1f", recall * 100)) % at \(String(format: "%g", target)) false accepts/hour "
            + "(cutoff \(String(format: "%.2f", cutoff)))"
    }

    /// The evidence behind the headline's false-accept rate, in one sentence.
    public var evidence: String {
        let hours = windowRates.hours
        return "\(choice.falseAccepts) false \(choice.falseAccepts == 1 ? "accept" : "accepts") in "
            + "\(Self.hoursText(hours)) of ambient audio at this cutoff: \(Self.rateText(choice.perHour)) per hour, "
            + "at most \(Self.rateText(choice.upperBound)) per hour at \(windowRates.bound.confidenceLabel) confidence"
    }

    /// Hours with two decimals, or minutes below a tenth of an hour.
    static func hoursText(_ hours: Double) -> String {
        hours >= 0.1 ? String(format: "%.2f h", hours) : String(format: "%.1f min", hours * 60)
    }

    /// A rate with two decimals (three significant digits above 100).
    static func rateText(_ rate: Double) -> String {
        guard rate.isFinite else { return "unknown" }
        return rate >= 100 ? String(format: "%.0f", rate) : String(format: "%.2f", rate)
    }

    private static func falseAcceptTraces(_ measurements: StreamMeasurements, counting: FalseAcceptCounting,
                                          cutoff: Double) -> [Trace]
    {
        var events: [(stream: Int, step: Int, peak: Double)] = []
        var sums: [Int: [Double]] = [:]
        for (index, stream) in measurements.ambient.enumerated() {
            let scores = ModelScores.deviceOutputs(stream.outputs)
            let steps = counting.acceptSteps(in: scores, cutoff: cutoff)
            guard !steps.isEmpty else { continue }
            let streamSums = scores.windowSums(counting.slidingWindow)
            sums[index] = streamSums
            for step in steps { events.append((index, step, streamSums[step])) }
        }
        let chosen = events.sorted { ($0.peak, -$0.stream, -$0.step) > ($1.peak, -$1.stream, -$1.step) }.prefix(traceLimit)
        return chosen.map { event in
            trace(measurements, stream: event.stream, step: event.step, sums: sums[event.stream] ?? [],
                  window: counting.slidingWindow, marked: true)
        }
    }

    /// Outputs shown before and after a moment of interest: 3 s and 1 s.
    private static func context(_ measurements: StreamMeasurements) -> (before: Int, after: Int) {
        (Int((3 / measurements.inferenceSeconds).rounded()), Int((1 / measurements.inferenceSeconds).rounded()))
    }

    private static func trace(_ measurements: StreamMeasurements, stream index: Int, step: Int, sums: [Double],
                              window: Int, marked: Bool) -> Trace
    {
        let stream = measurements.ambient[index], (before, after) = context(measurements)
        let start = max(step - before, 0), end = min(step + after, stream.outputs.count - 1)
        let seconds = Double(step + 1) * measurements.inferenceSeconds
        return Trace(title: "\(stream.name) at \(String(format: "%.1f", seconds)) s", outputs: Array(stream.outputs[start ... end]),
                     windowMeans: sums[start ... end].map { $0 / Double(window) / 255 },
                     startSeconds: Double(start) * measurements.inferenceSeconds,
                     inferenceSeconds: measurements.inferenceSeconds, marks: marked ? [step - start] : [])
    }

    /// The highest sliding-window peaks of the ambient audio, each at least a trace's span from the others.
    private static func closestCalls(_ measurements: StreamMeasurements, slidingWindow: Int) -> [Trace] {
        let (before, after) = context(measurements)
        var traces: [Trace] = []
        var candidates: [(stream: Int, step: Int, sum: Double)] = []
        var sums: [[Double]] = []
        for (index, stream) in measurements.ambient.enumerated() {
            let streamSums = ModelScores.deviceOutputs(stream.outputs).windowSums(slidingWindow)
            sums.append(streamSums)
            // keep each stream's local maxima only: a peak is one moment, not its shoulders
            for step in streamSums.indices where streamSums[step] > 0
                && (step == 0 || streamSums[step] > streamSums[step - 1])
                && (step == streamSums.count - 1 || streamSums[step] >= streamSums[step + 1])
            {
                candidates.append((index, step, streamSums[step]))
            }
        }
        candidates.sort { ($0.sum, -$0.stream, -$0.step) > ($1.sum, -$1.stream, -$1.step) }
        var taken: [(stream: Int, step: Int)] = []
        for candidate in candidates where traces.count < traceLimit {
            if taken.contains(where: { $0.stream == candidate.stream && abs($0.step - candidate.step) <= before + after }) { continue }
            taken.append((candidate.stream, candidate.step))
            traces.append(trace(measurements, stream: candidate.stream, step: candidate.step, sums: sums[candidate.stream],
                                window: slidingWindow, marked: false))
        }
        return traces
    }

    private static func notes(choice: CutoffChoice, rates: FalseAcceptRates, claim: (recall: Double, cutoff: Double),
                              target: Double, missed: Int, positives: Int) -> [String]
    {
        var notes: [String] = []
        let hours = hoursText(rates.hours)
        if !choice.meetsTarget {
            if rates.smallestDemonstrableRate > target {
                notes.append("\(hours) of ambient audio cannot show \(String(format: "%g", target)) false accepts/hour: "
                    + "even none seen bounds the rate at \(rateText(rates.smallestDemonstrableRate)) per hour "
                    + "(\(rates.bound.confidenceLabel)). About \(String(format: "%.1f", rates.hoursNeeded(toShow: target))) h "
                    + "of ambient audio without a false accept are needed; the cutoff with the fewest false accepts was chosen.")
            } else {
                notes.append("no cutoff keeps the \(rates.bound.confidenceLabel) upper bound at or below "
                    + "\(String(format: "%g", target)) false accepts/hour; the cutoff with the fewest false accepts "
                    + "(\(choice.falseAccepts) in \(hours)) was chosen.")
            }
        }
        if claim.recall > choice.recall, let index = rates.cutoffs.firstIndex(of: claim.cutoff) {
            notes.append("judged by the point estimate alone, cutoff \(String(format: "%.2f", claim.cutoff)) would claim "
                + "recall \(String(format: "%.1f", claim.recall * 100)) %, but with \(rates.counts[index]) false "
                + "accepts in \(hours) its rate could be as high as \(rateText(rates.upperBounds[index])) per hour.")
        }
        if choice.recall == 0 {
            notes.append("the model detects no test positive at the chosen cutoff: the cutoff means little.")
        } else if missed > 0 {
            notes.append("\(missed) of \(positives) test positives are missed at the chosen cutoff.")
        }
        return notes
    }
}
