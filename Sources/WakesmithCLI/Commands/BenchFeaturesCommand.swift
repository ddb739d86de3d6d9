import Features
import Foundation
import Support

/// `wakesmith bench features`: augmented clips per second and the frontend's speed.
struct BenchFeaturesCommand: Command {
    static let path = ["bench", "features"]
    static let abstract = "augmented clips per second of the feature stage (last line: N clips/s)"
    static let discussion = """
        Renders training positives exactly as `features` does — 3.2 s clips, the reference augmentation \
        probabilities (background noise, room responses, gain, EQ, band stop, coloured noise, distortion, \
        pitch shift), the device frontend, slide_frames 10 written to a throw-away store — with one worker \
        and with all of them, on material it generates itself. Also times the frontend alone on one core. \
        In the same run, when the Python oracles are installed (.venv/bin/python or $WAKESMITH_PYTHON), \
        pymicro-features on the same audio and the Python wakesmith package's `bench features` with the same \
        clips and workers are measured beside it (--no-python skips them). \
        Release builds only give meaningful figures; on a shared machine compare the CPU time per clip too.
        """
    static let options: [Option] = [
        .value("clips", "N", "augmented clips per measurement (default 512)"),
        .value("workers", "N", "workers for the parallel run (default: one per core)"),
        .flag("no-python", "skip the Python side (pymicro-features and the Python package's bench features)"),
        .flag("frontend-only", "time the frontend alone and nothing else (no clips, no Python); its line is the last"),
        .value("rounds", "N", "runs of the frontend-alone timing, the fastest counts (default 5)"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        var benchmark = FeaturesBenchmark()
        benchmark.clips = try parsed.integer("clips", default: 512, in: 1 ... 1_000_000) ?? 512
        benchmark.workers = try parsed.integer("workers", default: FeatureBuilder.defaultWorkers, in: 1 ... 1024)
            ?? FeatureBuilder.defaultWorkers
        let rounds = try parsed.integer("rounds", default: 5, in: 1 ... 100_000) ?? 5
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        if parsed.flag("frontend-only") {
            let (realTime, perFrame) = FeaturesBenchmark.frontendSpeed(rounds: rounds)
            let before = load[0]
            getloadavg(&load, 3)
            printOut("frontend alone: \(Int(realTime.rounded()))× real time on one core "
                + "(\(StepTimingsFormat.twoDecimals(perFrame)) µs per 10 ms frame, thread CPU time, fastest of \(rounds) runs; "
                + "load average \(StepTimingsFormat.twoDecimals(before)) before, \(StepTimingsFormat.twoDecimals(load[0])) after)")
            return 0
        }
        benchmark.frontendRounds = rounds
        printOut("\(benchmark.clips) training positives of \(benchmark.settings.clipDurationSeconds) s, reference augmentation, "
            + "slide_frames 10; \(ProcessInfo.processInfo.activeProcessorCount) cores; load average before \(StepTimingsFormat.twoDecimals(load[0]))")
        let result = try benchmark.run()
        getloadavg(&load, 3)
        printOut("frontend alone: \(Int(result.frontendRealTime.rounded()))× real time on one core "
            + "(\(StepTimingsFormat.twoDecimals(result.frontendMicrosecondsPerFrame)) µs per 10 ms frame, thread CPU time)")
        if parsed.flag("no-python") {
            printOut("pymicro-features: not measured (--no-python)")
        } else {
            switch PythonFeaturesOracle.frontendRealTime(samples: FeaturesBenchmark.frontendAudio()) {
            case let .success(realTime):
                printOut("pymicro-features (Python, 10 ms chunks, same audio): \(Int(realTime.rounded()))× real time "
                    + "(process CPU time); Swift is \(StepTimingsFormat.oneDecimal(result.frontendRealTime / realTime))× faster")
            case let .failure(error):
                printOut("pymicro-features: not measured (\(error.reason))")
            }
        }
        printOut("1 worker: \(StepTimingsFormat.oneDecimal(result.singleWorker)) clips/s; \(result.workers) workers: "
            + "\(StepTimingsFormat.twoDecimals(result.cpuMillisecondsPerClip)) CPU ms per clip (all threads), a CPU-bound ceiling of "
            + "\(Int((Double(result.workers) * 1000 / max(result.cpuMillisecondsPerClip, 1e-9)).rounded())) clips/s on "
            + "\(result.workers) idle cores; load average after " + StepTimingsFormat.twoDecimals(load[0]))
        if !parsed.flag("no-python") {
            switch PythonFeaturesOracle.packageClipsPerSecond(clips: benchmark.clips, workers: benchmark.workers) {
            case let .success(python):
                getloadavg(&load, 3)
                printOut("Python wakesmith package, same clips and workers: \(StepTimingsFormat.oneDecimal(python.single)) clips/s "
                    + "with 1 worker, \(StepTimingsFormat.oneDecimal(python.parallel)) with \(benchmark.workers); Swift is "
                    + "\(StepTimingsFormat.oneDecimal(result.parallel / python.parallel))× faster; load average after "
                    + StepTimingsFormat.twoDecimals(load[0]))
            case let .failure(error):
                printOut(PythonReferenceLine.notMeasured(error.reason))
            }
        }
        printOut("\(StepTimingsFormat.oneDecimal(result.parallel)) clips/s with \(result.workers) workers")
        return 0
    }
}
