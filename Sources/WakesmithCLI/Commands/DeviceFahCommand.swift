import Device
import Foundation
import Support

/// `wakesmith device fah --port P --model M.json --ambient DIR [--hours H] [--acoustic]`
struct DeviceFahCommand: Command {
    static let path = ["device", "fah"]
    static let abstract = "false accepts per hour on the device over ambient audio, against the emulator's (resumable)"
    static let discussion = """
        Streams the WAV/FLAC files under DIR (in name order, up to H hours) to the device in segments of \
        --segment seconds (default 600), one stream each, and counts the device's detections (each a false \
        accept: ambient audio holds no wake word) against the emulator's on the same segments. After every \
        segment the counts go to a state file (written atomically; --state, default \
        wakesmith-fah-<model>.state.json here), so a run that was killed continues where it stopped with the \
        same result as an uninterrupted one; --restart starts over. Exit 1 when the device's count differs \
        from the emulator's (streamed audio only). --acoustic plays the audio through ALSA to the device's \
        own microphone instead.
        """
    static let options: [Option] = [
        .value("port", "P", "the device's serial port, or a virtual device's link"),
        .value("model", "M.json", "the manifest of the model the device runs"),
        .value("ambient", "DIR", "a folder of ambient recordings (16 kHz 16-bit mono WAV or FLAC)"),
        .value("hours", "H", "at most this many hours of audio (default: all of it)"),
        .value("segment", "S", "seconds per stream (default 600)"),
        .value("state", "FILE", "the state file to continue from and write"),
        .flag("restart", "ignore an existing state file and start over"),
        .flag("acoustic", "play the audio through a speaker to the device's microphone"),
        .value("alsa-device", "NAME", "the ALSA playback device for --acoustic (default \"default\")"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let port = try parsed.required("port")
        let model = try HostModel(manifest: URL(fileURLWithPath: try parsed.required("model")))
        let hours = try parsed.number("hours", in: 0.0001 ... 100_000)
        let segment = try parsed.number("segment", default: 600, in: 1 ... 86400) ?? 600
        let plan = try AmbientPlan(folder: try parsed.required("ambient"), hours: hours, segmentSeconds: segment)
        let statePath = parsed.value("state") ?? "wakesmith-fah-\(model.harness.id).state.json"
        let session = DeviceSession(transport: try Transports.open(port))
        let player = try AcousticPlayer.chosen(parsed.flag("acoustic"), device: parsed.value("alsa-device"))
        let result = try FalseAcceptRun.run(session: session, port: port, model: model, plan: plan, statePath: statePath,
                                            restart: parsed.flag("restart"), player: player, showProgress: true)
        let hoursText = String(format: "%.3f", result.hours)
        printOut("\(port): \(result.identity.board), ESPHome \(result.identity.esphome), model \(model.harness.id), \(hoursText) h of ambient audio "
            + "(\(result.segments) segments, \(result.segments - result.measuredNow) from \(statePath))")
        printOut("device: \(result.deviceAccepts) false accepts, \(String(format: "%.3f", result.deviceRate)) per hour")
        printOut("host:   \(result.hostAccepts) false accepts, \(String(format: "%.3f", result.hostRate)) per hour (emulator)")
        let seen = result.faults.byKind.filter { $0.count > 0 }
        printOut("link: " + (seen.isEmpty ? "no faults" : seen.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")))
        return player == nil && result.deviceAccepts != result.hostAccepts ? 1 : 0
    }
}
