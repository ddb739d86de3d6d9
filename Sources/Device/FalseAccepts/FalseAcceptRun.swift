import ESPHome
import Foundation
import Support

/// `device fah`: streams hours of ambient audio to a device, segment by segment, counting its detections
/// (every one is a false accept: the audio holds no wake word) against the emulator's on the same audio.
/// Resumable through a `FalseAcceptState` file.
public struct FalseAcceptRun {
    public var identity: DeviceIdentity
    public var hours: Double
    public var deviceAccepts: Int
    public var hostAccepts: Int
    /// Segments measured in this invocation (the others came from the state file).
    public var measuredNow: Int
    public var segments: Int
    public var faults: LinkFaults

    public var deviceRate: Double { hours > 0 ? Double(deviceAccepts) / hours : 0 }
    public var hostRate: Double { hours > 0 ? Double(hostAccepts) / hours : 0 }

    /// Runs (or continues) the measurement; the state file is rewritten after every segment.
    public static func run(session: DeviceSession, port: String, model: HostModel, plan: AmbientPlan, statePath: String,
                           restart: Bool, player: AcousticPlayer? = nil, showProgress: Bool) throws -> FalseAcceptRun
    {
        let identity = try session.connect()
        let index = try DeviceChecks.index(of: model.harness, in: identity, port: port)
        guard let release = ESPHomeVersion(identity.esphome) else {
            throw Failure("\(port) reports ESPHome '\(identity.esphome)', which is not a release number")
        }
        let planKey = HarnessModel.hash(of: Array(plan.segments.map(\.key).joined(separator: "\n").utf8))
        var state = FalseAcceptState(model: model.harness.hash, esphome: identity.esphome, board: identity.board, plan: planKey)
        if player != nil, !identity.acoustic {
            throw Failure("\(port) has no microphone for acoustic runs", hint: "declare one under the harness microphone's `acoustic:` and flash again")
        }
        if !restart, let saved = try FalseAcceptState.read(path: statePath) {
            guard saved.model == state.model, saved.plan == state.plan, saved.esphome == state.esphome, saved.board == state.board else {
                throw Failure("\(statePath) belongs to another run (model \(saved.model), ESPHome \(saved.esphome) on \(saved.board), other audio or hours)",
                              hint: "pass --restart to start over, or --state another file")
            }
            state = saved
        }
        let bar = ProgressBar(label: "device fah", total: plan.totalSamples / 16000, unit: "s", enabled: showProgress)
        let already = plan.segments.filter { state.done[$0.key] != nil }.map(\.samples).reduce(0, +)
        bar.advance(by: already / 16000)
        var measured = 0
        var reported = already
        for segment in plan.segments where state.done[segment.key] == nil {
            let audio = try plan.samples(of: segment)
            let host = try HostPrediction.outcome(for: audio, models: [model], release: release, board: identity.board, step: identity.step)
            let base = reported
            let device: StreamOutcome
            if let player {
                device = try session.streamAcoustically { try player.play(audio) }
            } else {
                device = try session.stream(audio) { taken in
                    let now = (base + taken) / 16000
                    if now > reported / 16000 { bar.advance(by: now - reported / 16000) }
                    reported = max(reported, base + taken)
                }
            }
            if (base + segment.samples) / 16000 > reported / 16000 { bar.advance(by: (base + segment.samples) / 16000 - reported / 16000) }
            state.done[segment.key] = .init(samples: segment.samples, device: device.detections[index].count, host: host.detections[0].count)
            try state.write(path: statePath)
            measured += 1
            let total = state.done.values.reduce((0, 0)) { ($0.0 + $1.device, $0.1 + $1.host) }
            bar.setStatus("false accepts: device \(total.0), host \(total.1)")
            reported = base + segment.samples
        }
        bar.finish()
        try session.settle()
        let finished = plan.segments.compactMap { state.done[$0.key] }
        return FalseAcceptRun(identity: identity, hours: Double(finished.map(\.samples).reduce(0, +)) / 16000 / 3600,
                              deviceAccepts: finished.map(\.device).reduce(0, +), hostAccepts: finished.map(\.host).reduce(0, +),
                              measuredNow: measured, segments: plan.segments.count, faults: session.faults)
    }
}
