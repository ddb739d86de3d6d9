import Foundation
import Emulator
import Frontend
import Support
import Synchronization
import TFLiteFormat
import Training

/// Does the int8 model decide like the float model it came from? Per test clip, from fresh state: the
/// float side is the trained network's causal pass on float features (raw × 0.0390625, as in training),
/// the int8 side the exported model in the emulator with the device's integer input mapping, read as
/// raw / 255 like the device. A clip is a detection when some output exceeds the cutoff.
public struct AgreementReport: Sendable, Equatable {
    public var cutoff: Double
    public var clips: Int
    /// Clips where both models detect, or neither does.
    public var agreeing: Int
    public var floatDetections: Int
    public var int8Detections: Int
    /// Mean and largest |p_float − p_int8| over every output of every clip.
    public var meanDifference: Double
    public var largestDifference: Double
    /// Outputs compared.
    public var outputs: Int

    /// The share of clips decided alike that the export calls good.
    public static let target = 0.99

    public var agreement: Double { clips > 0 ? Double(agreeing) / Double(clips) : 1 }
    public var passed: Bool { agreement >= Self.target }

    public var summary: String {
        let verdict = passed ? "ok" : "BELOW the \(Int(Self.target * 100)) % target"
        return "float vs int8 at cutoff \(formatted(cutoff, 2)): \(agreeing)/\(clips) clips decided alike "
            + "(\(formatted(agreement * 100, 2)) %, \(verdict)); detections float \(floatDetections), int8 \(int8Detections); "
            + "mean |Δp| \(formatted(meanDifference, 4)), largest \(formatted(largestDifference, 3))"
    }

    public var json: JSONValue {
        .object([
            (key: "cutoff", value: .number(cutoff)), (key: "clips", value: .integer(clips)),
            (key: "agreeing", value: .integer(agreeing)), (key: "agreement", value: .number(agreement)),
            (key: "target", value: .number(Self.target)), (key: "passed", value: .bool(passed)),
            (key: "float_detections", value: .integer(floatDetections)),
            (key: "int8_detections", value: .integer(int8Detections)),
            (key: "mean_probability_difference", value: .number(meanDifference)),
            (key: "largest_probability_difference", value: .number(largestDifference)),
            (key: "outputs", value: .integer(outputs)),
        ])
    }

    private func formatted(_ value: Double, _ digits: Int) -> String {
        let scale = (0 ..< digits).reduce(1.0) { value, _ in value * 10 }
        return String((value * scale).rounded() / scale)
    }
}

public enum FloatInt8Agreement {
    /// One clip's outputs from both models.
    public struct ClipOutputs: Sendable {
        public var float: [Float]
        public var int8: [UInt8]
    }

    /// Both models' outputs on `clips` (raw frontend values, 40 per frame), spread over `workers` threads
    /// (0: one per core), each with its own float network and interpreter.
    public static func outputs(weights: MixedNetWeightsFile.Contents, model: TFLiteModel, clips: [[UInt16]], workers: Int = 0,
                               progress: ProgressBar? = nil) throws -> [ClipOutputs]
    {
        let threads = max(1, min(workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount, clips.count))
        let results = Mutex([ClipOutputs?](repeating: nil, count: clips.count))
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            do {
                let network = try MixedNet(weights.architecture)
                try network.assign(weights, source: "the weights")
                let interpreter = try Interpreter(model: model)
                for index in stride(from: worker, to: clips.count, by: threads) {
                    if Interrupt.isRequested || failure.withLock({ $0 != nil }) { return }
                    let outcome = try run(network, interpreter, clips[index])
                    results.withLock { $0[index] = outcome }
                    progress?.advance()
                }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        try Interrupt.check()
        return results.withLock { $0.map { $0 ?? ClipOutputs(float: [], int8: []) } }
    }

    /// The report of `outputs` at `cutoff`.
    public static func report(_ outputs: [ClipOutputs], cutoff: Double) -> AgreementReport {
        var report = AgreementReport(cutoff: cutoff, clips: 0, agreeing: 0, floatDetections: 0, int8Detections: 0,
                                     meanDifference: 0, largestDifference: 0, outputs: 0)
        var sum = 0.0
        for clip in outputs where !clip.int8.isEmpty {
            let floatHit = clip.float.contains { Double($0) > cutoff }
            let int8Hit = clip.int8.contains { Double($0) / 255 > cutoff }
            report.clips += 1
            report.agreeing += floatHit == int8Hit ? 1 : 0
            report.floatDetections += floatHit ? 1 : 0
            report.int8Detections += int8Hit ? 1 : 0
            for (p, q) in zip(clip.float, clip.int8) {
                let difference = abs(Double(p) - Double(q) / 255)
                sum += difference
                report.largestDifference = max(report.largestDifference, difference)
                report.outputs += 1
            }
        }
        report.meanDifference = report.outputs > 0 ? sum / Double(report.outputs) : 0
        return report
    }

    static func run(_ network: MixedNet, _ interpreter: Interpreter, _ clip: [UInt16]) throws -> ClipOutputs {
        let stride = network.architecture.stride
        let frames = clip.count / 40, steps = frames / stride
        guard steps > 0 else { return ClipOutputs(float: [], int8: []) }
        let float = floatOutputs(network, clip, steps: steps)
        interpreter.reset()
        var int8: [UInt8] = []
        int8.reserveCapacity(steps)
        let input = interpreter.inputBuffer(0).bindMemory(to: Int8.self)
        for step in 0 ..< steps {
            for i in 0 ..< stride * 40 { input[i] = FeatureScaling.deviceInt8(raw: clip[step * stride * 40 + i]) }
            interpreter.invoke()
            int8.append(interpreter.outputByte(0))
        }
        return ClipOutputs(float: float, int8: int8)
    }

    /// Steps per piece of a long clip (hours of ambient audio): the causal pass holds every layer's
    /// activations for the whole input, gigabytes for hours, so long clips go through in pieces.
    static let pieceSteps = 20_000

    /// The float network's output for each of the first `steps` steps of `clip`: one causal pass over a
    /// short clip; over a long one, pieces of `pieceSteps` steps, each preceded by enough earlier frames to
    /// fill the network's receptive field, whose outputs are dropped (so each kept output sees exactly the
    /// frames it sees in one pass over the whole clip).
    static func floatOutputs(_ network: MixedNet, _ clip: [UInt16], steps: Int, pieceSteps: Int = Self.pieceSteps) -> [Float] {
        let architecture = network.architecture, stride = architecture.stride
        let context = architecture.positionsNeeded + (architecture.firstConvKernelSize + stride - 1) / stride + 1
        var outputs: [Float] = []
        outputs.reserveCapacity(steps)
        var start = 0
        while start < steps {
            let count = steps <= pieceSteps ? steps : min(pieceSteps, steps - start)
            let lead = min(context, start)
            let first = (start - lead) * stride * 40, end = (start + count) * stride * 40
            var features = clip[first ..< end].map(FeatureScaling.float(raw:))
            let frames = (lead + count) * stride
            let all = features.withUnsafeMutableBufferPointer { buffer -> [Float] in
                guard let base = buffer.baseAddress else { return [] }
                return network.probabilities(Activations(pointer: base, batch: 1, frames: frames, channels: 40), padding: .causal)
            }
            // With a first convolution the causal pass gives one output per step; without, one per frame, and
            // step n sees frame (n + 1)·stride − 1 last.
            for step in lead ..< lead + count {
                outputs.append(architecture.firstConvFilters > 0 ? all[step] : all[(step + 1) * stride - 1])
            }
            start += count
        }
        return outputs
    }
}
