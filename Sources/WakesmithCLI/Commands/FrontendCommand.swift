import AudioIO
import Frontend
import Support

/// `wakesmith frontend AUDIO`: the device's frontend frames of one audio file, from a fresh state.
struct FrontendCommand: Command {
    static let path = ["frontend"]
    static let abstract = "the device frontend's features of an audio file (--json: {\"frames\": [[40 uint16], ...]})"
    static let discussion = """
        Runs the micro frontend exactly as ESPHome's micro_wake_word does on the ESP32 (bit-exact with \
        pymicro-features), from a fresh state: one frame of 40 raw uint16 values per 10 ms once the first \
        30 ms window is complete; a trailing partial 10 ms step gives no frame. The file must be 16 kHz \
        16-bit mono, as the device hears it. Raw values × 0.0390625 are the float features; the device \
        feeds the model clamp((raw × 256 + 333) / 666 − 128, −128, 127).
        """
    static let options: [Option] = [
        .flag("json", "print {\"frames\": [[40 uint16], ...]} instead of a summary"),
    ]
    static let arguments = [Argument("AUDIO", "a 16 kHz 16-bit mono WAV or FLAC file")]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let path = parsed.positional[0]
        let reader = try AudioFileReader(path: path)
        guard reader.info.isDeviceFormat else {
            throw AudioError(path: path, reason: "\(reader.info.summary) is not 16 kHz 16-bit mono",
                             hint: "the device frontend hears 16 kHz 16-bit mono only; `wakesmith validate --fix` converts")
        }
        let frontend = MicroFrontend()
        let json = parsed.flag("json")
        var frames = 0, samples = 0
        var smallest = UInt16.max, largest = UInt16.min, sum = 0
        var output = ""
        if json { StandardStream.output.write("{\"frames\": [") }
        while let block = try reader.readInt16(frames: 1 << 16) {
            samples += block.count
            block.withUnsafeBufferPointer { buffer in
                frontend.process(buffer) { frame in
                    if json {
                        output += frames == 0 ? "\n[" : ",\n["
                        output += frame.map(String.init).joined(separator: ", ")
                        output += "]"
                    } else {
                        for value in frame {
                            smallest = min(smallest, value)
                            largest = max(largest, value)
                            sum += Int(value)
                        }
                    }
                    frames += 1
                }
            }
            if json {
                StandardStream.output.write(output)
                output = ""
            }
        }
        if json {
            StandardStream.output.write(frames == 0 ? "]}\n" : "\n]}\n")
            return 0
        }
        let channels = frontend.parameters.channelCount
        let seconds = Double(samples) / Double(frontend.parameters.sampleRate)
        var line = "\(path): \(StepTimingsFormat.twoDecimals(seconds)) s, \(frames) frames × \(channels) channels"
        if frames > 0 {
            let mean = Double(sum) / Double(frames * channels)
            line += "; raw values \(smallest)…\(largest), mean \(StepTimingsFormat.oneDecimal(mean))"
                + " (float \(StepTimingsFormat.twoDecimals(mean * Double(FeatureScaling.floatPerRaw))))"
        }
        printOut(line)
        return 0
    }
}
