import Foundation
@testable import Device
import DeviceTestSupport

/// A stand-in for the emulator with the firmware's timing: a feature after 480 samples and every 160 after,
/// an inference every `stride` features, detections by a sliding-window rule with a refractory period, the
/// arena on the first feature. Its outputs depend on every sample, so a lost or repeated chunk changes them.
struct ScriptedModelRunner: VirtualModelRunner {
    var esphome = "2026.10.0"
    var stride = 3
    var models: [DeviceIdentity.Model] {
        [.init(id: "scripted", wakeWord: "Scripted", hash: "0011223344556677", cutoff: 200, slidingWindow: 3, arena: 20000)]
    }

    private var taken = 0
    private var features = 0
    private var loaded = false
    private var step = 0
    private var state: UInt32 = 0
    private var window: [Int] = []
    private var ignore = -10

    mutating func start() {
        taken = 0
        features = 0
        loaded = false
        step = 0
        state = 0
        window = []
        ignore = -10
    }

    mutating func feed(_ samples: [Int16], _ event: (VirtualModelEvent) -> Void) {
        for sample in samples { state = state &* 1_664_525 &+ UInt32(bitPattern: Int32(sample)) &+ 1_013_904_223 }
        let before = taken < 480 ? 0 : 1 + (taken - 480) / 160
        taken += samples.count
        let after = taken < 480 ? 0 : 1 + (taken - 480) / 160
        for _ in before ..< after {
            features += 1
            if !loaded {
                loaded = true
                event(.arena(model: 0, used: 17000, size: 20016))
            }
            step += 1
            if step == stride {
                step = 0
                let raw = UInt8(truncatingIfNeeded: state >> 24)
                event(.inference(model: 0, raw: raw))
                window.append(Int(raw))
                if window.count > 3 { window.removeFirst() }
            }
            if ignore < 0 { ignore += 1 }
            if ignore >= 0, window.count == 3, window.reduce(0, +) > 200 * 3 {
                event(.detection(model: 0))
                window = [0, 0, 0]
                ignore = -10
            }
        }
    }

    /// What the device must report for `audio` streamed in 160-sample chunks.
    static func expected(for audio: [Int16]) -> StreamOutcome {
        var runner = ScriptedModelRunner()
        runner.start()
        var outcome = StreamOutcome(models: 1)
        var offset = 0
        while offset < audio.count {
            let end = min(offset + 160, audio.count)
            runner.feed(Array(audio[offset ..< end])) { event in
                switch event {
                case .arena(_, let used, let size): outcome.arenas[0] = .init(used: used, size: size)
                case .inference(_, let raw): outcome.inferences[0].append(.init(samples: end, raw: raw))
                case .detection: outcome.detections[0].append(end)
                }
            }
            offset = end
        }
        outcome.samples = audio.count
        return outcome
    }
}

extension RunningVirtualDevice {
    /// A virtual device running a `ScriptedModelRunner`: the bridge tests' device.
    convenience init(link: String, faults: FaultPlan = FaultPlan()) throws {
        try self.init(link: link, faults: faults, runner: ScriptedModelRunner())
    }
}
