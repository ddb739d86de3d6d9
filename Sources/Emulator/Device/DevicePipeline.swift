import ESPHome
import Frontend
import TFLiteFormat

/// The firmware's path from audio to detections, emulated for one ESPHome release (SPEC §1–§2): the
/// device frontend, its integer int8 mapping, the stride grouping (with the garbage steps of
/// 2024.7 – 2026.5), the models, their uint8 outputs and each model's sliding-window detector.
///
/// Feed audio in chunks of any size (`feed(samples:)`) or frontend frames (`feed(frame:)`); each model
/// output and each detection arrives as an `Event`. A `final class` because it owns the frontend and the
/// interpreters, which keep state from call to call.
public final class DevicePipeline {
    /// One model on the device.
    public struct ModelSettings: Sendable {
        public var probabilityCutoff: Double
        public var slidingWindowSize: Int

        public init(probabilityCutoff: Double, slidingWindowSize: Int) {
            self.probabilityCutoff = probabilityCutoff
            self.slidingWindowSize = slidingWindowSize
        }

        /// The settings of a manifest (a V1 manifest as ESPHome 2024.7+ converts it).
        public init(_ manifest: Manifest) {
            self.init(probabilityCutoff: manifest.micro.probabilityCutoff, slidingWindowSize: manifest.micro.slidingWindowSize)
        }
    }

    /// What the pipeline reports.
    public enum Event: Sendable, Hashable {
        /// Model `model` ran inference number `index` (per model, from 0) after feature `feature` and gave `raw`.
        case output(model: Int, index: Int, feature: Int, raw: UInt8)
        /// Model `model` detected its wake word after feature `feature`.
        case detection(model: Int, feature: Int)
    }

    public let release: ESPHomeVersion
    public let behaviour: ReleaseBehaviour
    /// `stop_after_detection` (releases that have the option; before 2025.5 a detection always stops).
    public let stopAfterDetection: Bool
    /// What the garbage steps feed (the firmware's uninitialised buffer; the emulator's stand-in).
    public let garbageFeatures: [Int8]

    private let frontend = MicroFrontend()
    private var slots: [Slot]
    /// Feature frames produced since the pipeline was created (the index events carry).
    public private(set) var featureCount = 0
    /// Garbage steps still to run since the last (re)start.
    private var pendingGarbage: Int
    /// 10 ms steps fed to the frontend since the last (re)start (garbage steps come before the first frame).
    private var row = [Int8](repeating: 0, count: DeviceLimits.featureCount)

    private struct Slot {
        let interpreter: Interpreter
        var detector: WakeWordDetector
        let stride: Int
        var strideStep = 0
        var inferences = 0
    }

    /// A pipeline running `models` (prepared interpreters, with their settings) as `release` does.
    public init(models: [(Interpreter, ModelSettings)], release: ESPHomeVersion = ReleaseTable.defaultRelease,
                stopAfterDetection: Bool = false,
                garbageFeatures: [Int8] = Array(repeating: -128, count: DeviceLimits.featureCount)) throws(DevicePipelineError)
    {
        guard let behaviour = ReleaseTable.behaviour(of: release) else { throw .releaseWithoutMicroWakeWord(release) }
        guard behaviour.isEmulated else { throw .preprocessorRelease(release) }
        guard !models.isEmpty else { throw .noModels }
        guard garbageFeatures.count == DeviceLimits.featureCount else { throw .garbageLength(garbageFeatures.count) }
        var slots: [Slot] = []
        for (index, (interpreter, settings)) in models.enumerated() {
            guard let input = interpreter.inputs.first, input.type == .int8, input.shape.count == 3, input.shape[0] == 1,
                  input.shape[2] == DeviceLimits.featureCount, (1 ... DeviceLimits.maxStride).contains(input.shape[1]),
                  let output = interpreter.outputs.first, output.type == .uint8, output.byteCount >= 1
            else { throw .contract(model: index) }
            let detector = WakeWordDetector(behaviour: behaviour, probabilityCutoff: settings.probabilityCutoff,
                                            slidingWindowSize: settings.slidingWindowSize)
            slots.append(Slot(interpreter: interpreter, detector: detector, stride: input.shape[1]))
        }
        self.release = release
        self.behaviour = behaviour
        self.stopAfterDetection = behaviour.afterDetection == .stops || stopAfterDetection
        self.garbageFeatures = garbageFeatures
        self.slots = slots
        pendingGarbage = behaviour.garbageSteps
        for slot in slots { slot.interpreter.reset() }
    }

    /// Feeds 16 kHz 16-bit mono samples; `events` receives every output and detection they cause.
    public func feed(samples: UnsafeBufferPointer<Int16>, events: (Event) -> Void) {
        // The firmware runs one step per 10 ms of audio; before the first frame of a (re)start the first
        // steps find no feature and feed the garbage buffer instead (2024.7 – 2026.5).
        var start = 0
        while pendingGarbage > 0, start < samples.count {
            let stepSize = frontend.parameters.stepSamples
            let needed = stepSize - frontend.pendingSamples % stepSize
            let take = min(needed, samples.count - start)
            let chunk = UnsafeBufferPointer(rebasing: samples[start ..< start + take])
            var produced = false
            frontend.process(chunk) { frame in
                produced = true
                self.step(frame: frame, events: events)
            }
            start += take
            if !produced, take == needed {
                pendingGarbage -= 1
                step(features: garbageFeatures, feature: featureCount - 1, events: events)
            }
        }
        guard start < samples.count else { return }
        frontend.process(UnsafeBufferPointer(rebasing: samples[start...])) { frame in
            self.step(frame: frame, events: events)
        }
    }

    /// Feeds one frontend frame (40 raw uint16 values), bypassing the frontend.
    public func feed(frame: UnsafeBufferPointer<UInt16>, events: (Event) -> Void) {
        if pendingGarbage > 0 {
            for _ in 0 ..< pendingGarbage { step(features: garbageFeatures, feature: featureCount - 1, events: events) }
            pendingGarbage = 0
        }
        step(frame: frame, events: events)
    }

    private func step(frame: UnsafeBufferPointer<UInt16>, events: (Event) -> Void) {
        for index in 0 ..< DeviceLimits.featureCount { row[index] = FeatureScaling.deviceInt8(raw: frame[index]) }
        let feature = featureCount
        featureCount += 1
        step(features: row, feature: feature, events: events)
    }

    /// One step of every model: the row into its input, an inference when the stride is complete, the
    /// detector, and what a detection does.
    private func step(features: [Int8], feature: Int, events: (Event) -> Void) {
        var restart = false
        for index in slots.indices {
            let slot = slots[index]
            let input = slot.interpreter.inputBuffer(0)
            let step = slot.strideStep % slot.stride
            features.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, let destination = input.baseAddress {
                    (destination + step * DeviceLimits.featureCount).copyMemory(from: base, byteCount: DeviceLimits.featureCount)
                }
            }
            slots[index].strideStep = step + 1
            var output: UInt8?
            if step + 1 >= slot.stride {
                slot.interpreter.invoke()
                let raw = slot.interpreter.outputByte(0)
                output = raw
                events(.output(model: index, index: slot.inferences, feature: feature, raw: raw))
                slots[index].inferences += 1
            }
            if slots[index].detector.step(output: output) {
                events(.detection(model: index, feature: feature))
                slots[index].detector.resetProbabilities()
                if stopAfterDetection { restart = true }
            }
        }
        if restart { self.restart() }
    }

    /// The component stopped and started again: fresh frontend and model state, detectors reset, garbage
    /// steps again where the release has them; the stride phase carries on (the firmware never resets it).
    public func restart() {
        frontend.reset()
        pendingGarbage = behaviour.garbageSteps
        for index in slots.indices {
            slots[index].interpreter.reset()
            slots[index].detector.restart()
        }
    }
}

/// Why a pipeline cannot be built.
public enum DevicePipelineError: Error, Equatable, CustomStringConvertible {
    case releaseWithoutMicroWakeWord(ESPHomeVersion)
    case preprocessorRelease(ESPHomeVersion)
    case noModels
    case contract(model: Int)
    case garbageLength(Int)

    public var description: String {
        switch self {
        case let .releaseWithoutMicroWakeWord(release): "ESPHome \(release) has no micro_wake_word (it appeared in 2024.2.0)"
        case let .preprocessorRelease(release):
            "ESPHome \(release) computes features with a TFLite preprocessor model that wakesmith does not emulate; choose 2024.7.0 or later"
        case .noModels: "no models to run"
        case let .contract(model): "model \(model) does not have the int8 [1, stride, 40] input and uint8 output the firmware feeds"
        case let .garbageLength(count): "the garbage feature row has \(count) values, not 40"
        }
    }
}
