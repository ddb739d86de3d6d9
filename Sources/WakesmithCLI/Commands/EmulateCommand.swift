import AudioIO
import Emulator
import ESPHome
import Frontend
import Support
import Verification

/// `wakesmith emulate MODEL AUDIO...`: what a device running ESPHome would output for each audio file.
struct EmulateCommand: Command {
    static let path = ["emulate"]
    static let abstract = "what the device outputs for audio files: raw uint8 per inference and detections (--json)"
    static let discussion = """
        Runs each file through the device's path, emulated for one ESPHome release (default \
        \(ReleaseTable.defaultRelease)): the micro frontend (bit-exact), the integer int8 mapping, stride \
        grouping, the model (TFLite Micro's int8 kernels, bit for bit), its uint8 output, and the release's \
        sliding-window detection with its ignore counter. Each file starts from a fresh frontend and fresh \
        model state. Releases 2024.7 – 2026.5 run two inferences on an uninitialised buffer before the first \
        feature (emulated as silence). Detections are feature indices (feature k ends at sample 480 + 160·k). \
        MODEL is a manifest (its cutoff and window) or a bare .tflite (cutoff 0.97, window 5 unless given). \
        The arena figures are the predicted smallest tensor arenas.
        --json prints {"model", "stride", "arena": {"host64", "esp32", "esp32s3"}, "files": [{"path", "raw", \
        "detections"}]}.
        """
    static let options: [Option] = [
        .value("esphome", "VERSION", "the ESPHome release to emulate (default \(ReleaseTable.defaultRelease))"),
        .flag("stop-after-detection", "stop and restart after each detection, as ESPHome's default does (releases before 2025.5 always do)"),
        .value("cutoff", "P", "probability cutoff (default: the manifest's, else 0.97)"),
        .value("window", "N", "sliding window size (default: the manifest's, else 5)"),
        .flag("json", "print one JSON object"),
    ]
    static let arguments = [
        Argument("MODEL", "a manifest (.json) or a .tflite model"),
        Argument("AUDIO", "16 kHz 16-bit mono WAV or FLAC files", count: 1 ... Int.max),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let release = try VerifyCommand.releaseOption(parsed)
        let source = try ModelSource(path: parsed.positional[0])
        let cutoff = try parsed.number("cutoff", in: 0 ... 1) ?? source.manifest?.micro.probabilityCutoff ?? 0.97
        let window = try parsed.integer("window", in: 1 ... 1000) ?? source.manifest?.micro.slidingWindowSize ?? 5
        let interpreter = try Interpreter(model: source.model)
        let settings = DevicePipeline.ModelSettings(probabilityCutoff: cutoff, slidingWindowSize: window)
        var arena: [(key: String, value: JSONValue)] = []
        for target in ArenaTarget.allCases {
            arena.append((target.rawValue, .integer(try ArenaPrediction(model: source.model, target: target).minimumBytes)))
        }
        let json = parsed.flag("json")
        var files: [JSONValue] = []
        for path in parsed.positional.dropFirst() {
            let pipeline: DevicePipeline
            do {
                pipeline = try DevicePipeline(models: [(interpreter, settings)], release: release,
                                              stopAfterDetection: parsed.flag("stop-after-detection"))
            } catch {
                throw Failure(error.description)
            }
            let run = try emulate(pipeline, path: path)
            if json {
                files.append(.object([("path", .string(path)), ("raw", .array(run.raw.map { .integer(Int($0)) })),
                                      ("detections", .array(run.detections.map(JSONValue.integer)))]))
            } else {
                let seconds = Double(run.samples) / 16000
                let peak = run.raw.max() ?? 0
                let times = run.detections.map { StepTimingsFormat.twoDecimals(Double(480 + 160 * $0) / 16000) + " s" }
                printOut("\(path): \(StepTimingsFormat.twoDecimals(seconds)) s, \(run.raw.count) inferences, peak \(peak)/255; "
                    + (run.detections.isEmpty ? "no detection" : "detections at features \(run.detections) (\(times.joined(separator: ", ")))"))
            }
        }
        if json {
            let stride = interpreter.inputs.first?.shape.dropFirst().first ?? 0
            printOut(JSONValue.object([("model", .string(source.path)), ("stride", .integer(stride)), ("arena", .object(arena)),
                                       ("files", .array(files))]).serialized())
        }
        return 0
    }

    /// One file through a fresh pipeline: the raw outputs and detection feature indices.
    static func emulate(_ pipeline: DevicePipeline, path: String) throws -> (raw: [UInt8], detections: [Int], samples: Int) {
        let reader = try AudioFileReader(path: path)
        guard reader.info.isDeviceFormat else {
            throw AudioError(path: path, reason: "\(reader.info.summary) is not 16 kHz 16-bit mono",
                             hint: "the device hears 16 kHz 16-bit mono only; `wakesmith validate --fix` converts")
        }
        var raw: [UInt8] = [], detections: [Int] = []
        var samples = 0
        while let block = try reader.readInt16(frames: 1 << 15) {
            samples += block.count
            block.withUnsafeBufferPointer { buffer in
                pipeline.feed(samples: buffer) { event in
                    switch event {
                    case let .output(_, _, _, value): raw.append(value)
                    case let .detection(_, feature): detections.append(feature)
                    }
                }
            }
            try Interrupt.check()
        }
        return (raw, detections, samples)
    }
}
