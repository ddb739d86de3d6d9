import Features
import Foundation
import Support
import Training

/// `wakesmith bench train`: training throughput of the default MixedNet on synthetic spectrograms.
struct BenchTrainCommand: Command {
    static let path = ["bench", "train"]
    static let abstract = "training steps per second of the default model (last line: N steps/s at batch B)"
    static let discussion = """
        Trains the default MixedNet (okay_nabu shape, about 25 k parameters) with Adam on synthetic \
        spectrograms: batch assembly with SpecAugment, forward, weighted loss, backward and optimizer, exactly \
        as `train` runs them, then prints the time per part of a step. Release builds only give meaningful \
        figures; on a shared machine compare the CPU time per step as well. In the same run, when the Python \
        oracles are installed (.venv/bin/python or $WAKESMITH_PYTHON), the Python wakesmith package's Keras \
        trainer is measured beside it with the same batch, steps and warm-up (--no-python skips it).
        """
    static let options: [Option] = [
        .value("batch-size", "N", "examples per step (default 128)"),
        .value("steps", "N", "timed steps (default 300)"),
        .value("warmup", "N", "untimed steps first (default 30)"),
        .flag("no-python", "skip the Python package's Keras trainer measured beside it"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        var benchmark = TrainingBenchmark()
        benchmark.batchSize = try parsed.integer("batch-size", default: 128, in: 1 ... 4096) ?? 128
        benchmark.steps = try parsed.integer("steps", default: 300, in: 1 ... 1_000_000) ?? 300
        benchmark.warmup = try parsed.integer("warmup", default: 30, in: 0 ... 1_000_000) ?? 30
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        printOut("default MixedNet, batch \(benchmark.batchSize), \(benchmark.steps) steps after \(benchmark.warmup) "
            + "warm-up steps; \(cores) cores; load average before \(formatLoad(load[0]))")
        let result = try benchmark.run()
        getloadavg(&load, 3)
        printOut("per step: \(result.timings.summary)")
        printOut("process CPU time \(StepTimingsFormat.twoDecimals(result.cpuMillisecondsPerStep)) ms/step; "
            + "\(Int(result.examplesPerSecond.rounded())) examples/s; load average after \(formatLoad(load[0]))")
        if !parsed.flag("no-python") {
            // Its last line: "train: N steps/s (M examples/s) backend=… device=…".
            let python = PythonOracle.run(["-m", "wakesmith", "bench", "train", "--batch-size", String(benchmark.batchSize),
                                           "--steps", String(benchmark.steps), "--warmup", String(benchmark.warmup)],
                                          expecting: nil, what: "the Python wakesmith package")
            getloadavg(&load, 3)
            switch python {
            case let .success(numbers):
                printOut("Python wakesmith package (Keras), same batch and steps: \(StepTimingsFormat.oneDecimal(numbers[0])) "
                    + "steps/s; Swift is \(StepTimingsFormat.oneDecimal(result.stepsPerSecond / numbers[0]))× faster; "
                    + "load average after \(formatLoad(load[0]))")
            case let .failure(error):
                printOut(PythonReferenceLine.notMeasured(error.reason))
            }
        }
        printOut("\(StepTimingsFormat.oneDecimal(result.stepsPerSecond)) steps/s at batch \(benchmark.batchSize)")
        return 0
    }

    private static func formatLoad(_ value: Double) -> String { StepTimingsFormat.twoDecimals(value) }
}

/// Fixed-point formatting without Foundation's `String(format:)`.
enum StepTimingsFormat {
    static func twoDecimals(_ value: Double) -> String { fixed(value, digits: 2) }
    static func oneDecimal(_ value: Double) -> String { fixed(value, digits: 1) }

    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1
        for _ in 0 ..< digits { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let whole = scaled / scale, fraction = String(scaled % scale)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (value < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (digits > 0 ? ".\(padded)" : "")
    }
}
