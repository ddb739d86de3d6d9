import Device
import Foundation
import Support

/// `wakesmith device test --port P --model M.json AUDIO... [--acoustic] [--json]`
struct DeviceTestCommand: Command {
    static let path = ["device", "test"]
    static let abstract = "stream audio to the device and compare its outputs with the emulator's (exit 1 on disagreement)"
    static let discussion = """
        Checks that the device on PORT runs M.json's model (by the hash of its .tflite), then streams each \
        AUDIO file (16 kHz 16-bit mono) as one stream and compares what the device reports with what the \
        emulator predicts for the device's own ESPHome release: every uint8 output and the feature it came \
        after, detections to the stride, and the arena the device used against the emulator's prediction for \
        its board (reported, not judged: ESP-NN versions change it). The link is repaired as it goes (lost or \
        damaged bytes, resets: a stream the device did not take whole is streamed again) and every fault is \
        counted. Exit 1 when any output or detection differs. --json prints {"agreement", "faults", "arena", \
        "files"}. --report DIR adds a section to the evaluation report in DIR (its sections/ folder). \
        --acoustic plays the audio through ALSA (--alsa-device, default "default") to the device's own \
        microphone and compares detections only.
        """
    static let options: [Option] = [
        .value("port", "P", "the device's serial port, or a virtual device's link"),
        .value("model", "M.json", "the manifest of the model the device runs"),
        .flag("acoustic", "play the audio through a speaker to the device's microphone; compare detections only"),
        .value("alsa-device", "NAME", "the ALSA playback device for --acoustic (default \"default\")"),
        .value("report", "DIR", "also write the device section into the report folder DIR (DIR/sections/)"),
        .flag("json", "print one JSON object"),
    ]
    static let arguments = [Argument("AUDIO", "16 kHz 16-bit mono WAV or FLAC files", count: 1 ... Int.max)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let port = try parsed.required("port")
        let model = try HostModel(manifest: URL(fileURLWithPath: try parsed.required("model")))
        let json = parsed.flag("json")
        let session = DeviceSession(transport: try Transports.open(port))
        let bar = ProgressBar(label: "device test", total: nil, unit: "files", enabled: !json)
        let result = try DeviceTestRun.run(session: session, port: port, model: model, files: parsed.positional,
                                           player: try AcousticPlayer.chosen(parsed.flag("acoustic"), device: parsed.value("alsa-device"))) { file, taken, total in
            bar.setStatus("\(parsed.positional[file]): \(100 * taken / max(1, total)) %")
        }
        bar.finish()
        if let folder = parsed.value("report") {
            let path = try result.reportSection.write(toFolder: (folder as NSString).appendingPathComponent("sections"))
            printError("report section: \(path)")
        }
        if json {
            printOut(result.json.serialized())
        } else {
            for line in result.lines { printOut(line) }
        }
        return result.agrees ? 0 : 1
    }
}
