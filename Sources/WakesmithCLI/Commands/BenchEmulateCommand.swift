import Emulator
import Foundation
import Support
import Verification

/// `wakesmith bench emulate --model M`: the emulator's inferences per second beside tflite-micro's Python
/// interpreter, and an hour of audio through the whole device pipeline.
struct BenchEmulateCommand: Command {
    static let path = ["bench", "emulate"]
    static let abstract = "emulator inferences per second beside tflite-micro, and 1 h of audio (last line: N inferences/s)"
    static let discussion = """
        Measures, in one run on one core: the emulator's inferences per second on MODEL (input copy, invoke, \
        output read); the same for tflite-micro's Python interpreter when the test oracle is installed \
        (.venv/bin/python or $WAKESMITH_PYTHON); and the time to run an hour of synthetic audio through the \
        device pipeline (frontend, int8 mapping, stride grouping, model, detection). Rates are given against \
        the wall clock and the process CPU time; on a shared machine the CPU figures are the fairer ones. \
        Release builds only.
        """
    static let options: [Option] = [
        .value("model", "M", "a manifest (.json) or .tflite model"),
        .value("inferences", "N", "timed inferences (default 200000: about 2 s of the emulator, enough that start-up costs do not skew the ratio)"),
        .value("audio-seconds", "S", "seconds of audio through the pipeline (default 3600)"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let source = try ModelSource(path: try parsed.required("model"))
        var benchmark = EmulatorBenchmark(model: source.model)
        benchmark.inferences = try parsed.integer("inferences", default: 200_000, in: 1 ... 100_000_000) ?? 200_000
        benchmark.audioSeconds = try parsed.integer("audio-seconds", default: 3600, in: 60 ... 1_000_000) ?? 3600
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        printOut("\(source.path): \(benchmark.inferences) inferences; load average before \(StepTimingsFormat.twoDecimals(load[0]))")
        let emulator = try benchmark.inferenceRate()
        printOut("emulator:    \(rate(emulator.perWallSecond)) inferences/s (wall), \(rate(emulator.perCPUSecond)) per CPU second")
        let oracleCount = max(benchmark.inferences / 4, 500)
        switch TFLiteMicroOracle.inferenceRate(modelPath: source.modelPath, inferences: oracleCount) {
        case let .success(oracle):
            printOut("tflite-micro: \(rate(oracle.wall)) inferences/s (wall), \(rate(oracle.cpu)) per CPU second (Python package, \(oracleCount) inferences)")
            printOut("ratio:       \(StepTimingsFormat.twoDecimals(emulator.perWallSecond / oracle.wall))× (wall), "
                + "\(StepTimingsFormat.twoDecimals(emulator.perCPUSecond / oracle.cpu))× (CPU)")
        case let .failure(error):
            printOut("tflite-micro: not measured (\(error.reason))")
        }
        let audio = try benchmark.audioRate()
        let hours = Double(benchmark.audioSeconds) / 3600
        printOut("audio:       \(benchmark.audioSeconds) s through frontend + model + detection in \(StepTimingsFormat.twoDecimals(audio.seconds)) s "
            + "(\(StepTimingsFormat.twoDecimals(audio.cpuSeconds)) s CPU; \(StepTimingsFormat.twoDecimals(audio.seconds / hours)) s per hour of audio, \(audio.inferences) inferences)")
        getloadavg(&load, 3)
        printOut("load average after \(StepTimingsFormat.twoDecimals(load[0]))")
        printOut("\(rate(emulator.perWallSecond)) inferences/s")
        return 0
    }

    private static func rate(_ value: Double) -> String { String(Int(value.rounded())) }
}
