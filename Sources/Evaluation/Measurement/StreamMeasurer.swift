import Dispatch
import Foundation
import Frontend
import Support
import Synchronization

/// Runs a streaming model over the test data the way the device does, producing `StreamMeasurements`:
/// each labelled clip from a fresh model state, each ambient recording continuously (its windows fed back to
/// back, a partial stride carried into the next window: the device listens without pause). Features reach the
/// model through the device's int8 mapping, whole strides only (the device invokes once `stride` frames are in).
///
/// Work is spread over the cores, one model instance per worker; progress shows on standard error and
/// Ctrl-C stops between clips.
public struct StreamMeasurer: Sendable {
    /// One labelled feature store.
    public struct LabelledSet: Sendable {
        public var name: String
        public var isWakeWord: Bool
        public var clips: any SpectrogramSource
        public init(name: String, isWakeWord: Bool, clips: any SpectrogramSource) {
            self.name = name
            self.isWakeWord = isWakeWord
            self.clips = clips
        }
    }

    /// One ambient recording, as consecutive windows.
    public struct Recording: Sendable {
        public var name: String
        public var windows: any SpectrogramSource
        public init(name: String, windows: any SpectrogramSource) {
            self.name = name
            self.windows = windows
        }
    }

    public let makeModel: @Sendable () throws -> any StreamingModel
    public var workers: Int
    public var showProgress: Bool

    public init(workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount), showProgress: Bool = true,
                makeModel: @escaping @Sendable () throws -> any StreamingModel)
    {
        self.makeModel = makeModel
        self.workers = max(workers, 1)
        self.showProgress = showProgress
    }

    /// Outputs for every clip and recording.
    public func measure(labelled: [LabelledSet], ambient: [Recording]) throws -> StreamMeasurements {
        let probe = try makeModel()
        let stride = probe.stride, channels = probe.channelCount
        // Recordings first: they are the longest jobs and cannot be split (the model's state runs through them).
        let jobs = ambient.map { Job.recording($0) }
            + labelled.flatMap { set in (0 ..< set.clips.count).map { Job.clip(set: set, index: $0) } }
        let units = jobs.reduce(0) { $0 + $1.units }
        let progress = ProgressBar(label: "evaluating", total: units, unit: "clips", enabled: showProgress)
        let results = Mutex([Int: (outputs: [UInt8], frames: Int)]())
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic(0)
        let makeModel = makeModel
        DispatchQueue.concurrentPerform(iterations: min(workers, max(jobs.count, 1))) { _ in
            do {
                var model = try makeModel()
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < jobs.count, failure.withLock({ $0 == nil }) else { return }
                    try Interrupt.check()
                    let result = try jobs[index].run(&model, stride: stride, channels: channels, progress: progress)
                    results.withLock { $0[index] = result }
                }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        progress.finish()
        if let error = failure.withLock({ $0 }) { throw error }
        let outputs = results.withLock { $0 }
        var clips: [StreamMeasurements.Clip] = []
        var recordings: [StreamMeasurements.Ambient] = []
        var ambientFrames = 0
        for (index, job) in jobs.enumerated() {
            let result = outputs[index] ?? ([], 0)
            switch job {
            case .clip(let set, let clip):
                clips.append(.init(name: "\(set.name) #\(clip)", set: set.name, isWakeWord: set.isWakeWord, outputs: result.outputs))
            case .recording(let recording):
                recordings.append(.init(name: recording.name, outputs: result.outputs))
                ambientFrames += result.frames
            }
        }
        let frameSeconds = Double(FrontendParameters.device.stepMilliseconds) / 1000
        return StreamMeasurements(clips: clips, ambient: recordings, ambientSeconds: Double(ambientFrames) * frameSeconds,
                                  stride: stride, frameSeconds: frameSeconds)
    }

    enum Job: Sendable {
        case clip(set: LabelledSet, index: Int)
        case recording(Recording)

        var units: Int {
            switch self {
            case .clip: 1
            case .recording(let recording): recording.windows.count
            }
        }

        func run(_ model: inout any StreamingModel, stride: Int, channels: Int,
                 progress: ProgressBar) throws -> (outputs: [UInt8], frames: Int)
        {
            model.reset()
            var runner = StrideRunner(stride: stride, channels: channels)
            switch self {
            case .clip(let set, let index):
                let frames = try set.clips.frames(at: index)
                let outputs = try runner.feed(frames, into: &model)
                progress.advance()
                return (outputs, frames.count / channels)
            case .recording(let recording):
                var outputs: [UInt8] = []
                var total = 0
                for window in 0 ..< recording.windows.count {
                    try Interrupt.check()
                    let frames = try recording.windows.frames(at: window)
                    outputs += try runner.feed(frames, into: &model)
                    total += frames.count / channels
                    progress.advance()
                }
                return (outputs, total)
            }
        }
    }
}

/// Groups frames `stride` at a time, maps them with the device's int8 mapping and runs one inference per
/// group; frames short of a whole stride wait for the next call.
struct StrideRunner {
    let stride: Int
    let channels: Int
    private var pending: [Int8] = []

    init(stride: Int, channels: Int) {
        self.stride = max(stride, 1)
        self.channels = channels
        pending.reserveCapacity(self.stride * channels)
    }

    mutating func feed(_ raw: [UInt16], into model: inout any StreamingModel) throws -> [UInt8] {
        var outputs: [UInt8] = []
        outputs.reserveCapacity((raw.count / channels + pending.count / channels) / stride)
        let block = stride * channels
        for value in raw {
            pending.append(FeatureScaling.deviceInt8(raw: value))
            if pending.count == block {
                outputs.append(try pending.withUnsafeBufferPointer { try model.infer($0) })
                pending.removeAll(keepingCapacity: true)
            }
        }
        return outputs
    }
}
