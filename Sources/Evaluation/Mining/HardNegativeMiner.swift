import ESPHome
import Foundation

/// Finds hard negatives: streams every clip of the negative stores through the exported model as the device
/// would (fresh state per clip, `StreamMeasurer`, over all cores) and keeps, per false accept, the window of
/// frames the model had just heard. A false accept is a raw output strictly above `int(threshold × 255)`
/// outside the clip's first `ignoreFrames` frames; within one clip, accepts closer than `cooldownSteps`
/// inferences are one event, so one loud sound does not yield thirty windows.
public struct HardNegativeMiner: Sendable {
    /// Probability above which a negative output counts (`mining.threshold`).
    public var threshold: Double
    /// Inferences after an accept during which no other one counts (`evaluation.cooldown_steps`).
    public var cooldownSteps: Int
    /// Frames at each clip's start that cannot fire (`evaluation.clip_ignore_frames`).
    public var ignoreFrames: Int
    /// Frames of one stored window: the model's training window (its receptive field).
    public var windowFrames: Int
    public var showsProgress: Bool

    public init(threshold: Double, cooldownSteps: Int, ignoreFrames: Int, windowFrames: Int, showsProgress: Bool = true) {
        self.threshold = threshold
        self.cooldownSteps = cooldownSteps
        self.ignoreFrames = ignoreFrames
        self.windowFrames = windowFrames
        self.showsProgress = showsProgress
    }

    /// The hard negatives in `sets` (each a named store of negative clips), in store and clip order.
    public func mine(_ sets: [(name: String, clips: any SpectrogramSource)], workers: Int = 0,
                     makeModel: @escaping @Sendable () throws -> any StreamingModel) throws -> [HardNegative]
    {
        let measurer = StreamMeasurer(workers: workers > 0 ? workers : max(1, ProcessInfo.processInfo.activeProcessorCount),
                                      showProgress: showsProgress, makeModel: makeModel)
        let labelled = sets.map { StreamMeasurer.LabelledSet(name: $0.name, isWakeWord: false, clips: $0.clips) }
        let measurements = try measurer.measure(labelled: labelled, ambient: [])
        let stride = measurements.stride, channels = try makeModel().channelCount
        var found: [HardNegative] = []
        var clipIndex = 0
        for set in sets {
            for index in 0 ..< set.clips.count {
                let outputs = measurements.clips[clipIndex].outputs
                clipIndex += 1
                let steps = acceptSteps(outputs, stride: stride)
                guard !steps.isEmpty else { continue }
                let frames = try set.clips.frames(at: index)
                for step in steps {
                    found.append(HardNegative(frames: window(frames, endingAt: step, stride: stride, channels: channels), score: outputs[step],
                                              source: "\(set.name) #\(index)@\(step)"))
                }
            }
        }
        return found
    }

    /// Inferences whose output is above the threshold, eligible after the clip's start, a cool-down apart.
    func acceptSteps(_ outputs: [UInt8], stride: Int) -> [Int] {
        let limit = ProbabilityCutoff.quantized(threshold)
        let first = max((ignoreFrames + stride - 1) / stride - 1, 0)
        var steps: [Int] = []
        var step = first
        while step < outputs.count {
            if Int(outputs[step]) > limit {
                steps.append(step)
                step += cooldownSteps + 1
            } else {
                step += 1
            }
        }
        return steps
    }

    /// The `windowFrames` frames ending with the last frame inference `step` consumed, zero-padded in front.
    func window(_ frames: [UInt16], endingAt step: Int, stride: Int, channels: Int) -> [UInt16] {
        let end = min((step + 1) * stride, frames.count / channels)
        let start = end - windowFrames
        var window = [UInt16](repeating: 0, count: max(-start, 0) * channels)
        window += frames[max(start, 0) * channels ..< end * channels]
        return window
    }
}
