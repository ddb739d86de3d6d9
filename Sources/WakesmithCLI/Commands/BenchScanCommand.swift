import Dataset
import Foundation
import Support

/// `wakesmith bench scan`: dataset scan speed, cold and from the hash cache, optionally beside the Python reference.
enum BenchScanCommand: Command {
    static let path = ["bench", "scan"]
    static let abstract = "dataset scan speed of many files, cold and cached (last line: N files/s cold, M files/s cached)"
    static let discussion = """
    Writes N one-second 16 kHz WAVs into a temporary dataset, then scans it twice: cold (every file hashed \
    and its header read) and cached (unchanged files answered from the hash cache). The files were just \
    written, so "cold" means a cold hash cache, not a cold disk. With --python PY, the Python reference \
    package (`wakesmith.audio.ingest.scan`, installed in PY's environment) scans the same files the same two \
    ways; the package is not part of this repository any more: install it from commit \(referenceCommit).
    """
    /// The last commit that holds the Python reference package.
    static let referenceCommit = "2c5c33c0df5e63a30ad06472eee7b4bc8d5e7b04"
    static let options: [Option] = [
        .value("files", "N", "files in the generated dataset (default 10000)"),
        .value("python", "PY", "also time the Python reference package installed for this interpreter"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        var benchmark = ScanBenchmark()
        benchmark.files = try parsed.integer("files", default: 10_000, in: 1 ... 10_000_000) ?? 10_000
        let root = NSTemporaryDirectory() + "wakesmith-bench-scan-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        var load = [Double](repeating: 0, count: 3)
        getloadavg(&load, 3)
        printOut("writing \(benchmark.files) files; \(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(String(format: "%.2f", load[0]))")
        try benchmark.writeDataset(root: root)
        let result = try benchmark.measure(root: root)
        printOut("\(result.records) records cold, \(result.cacheHits) cache hits cached")
        if let python = parsed.value("python") {
            printOut(try pythonLine(python: python, root: root))
        }
        printOut("scan: \(result.files) files, cold \(String(format: "%.2f", result.coldSeconds)) s (hashing), "
            + "cached \(String(format: "%.2f", result.cachedSeconds)) s (cache)")
        printOut("\(rate(result.files, result.coldSeconds)) files/s cold, \(rate(result.files, result.cachedSeconds)) files/s cached")
        return 0
    }

    static var installHint: String {
        "leave out --python, or install the reference: git worktree add /tmp/wakesmith-reference \(referenceCommit) "
            + "&& python3 -m venv /tmp/wakesmith-reference-venv && /tmp/wakesmith-reference-venv/bin/pip install -e "
            + "/tmp/wakesmith-reference, then pass --python /tmp/wakesmith-reference-venv/bin/python"
    }

    static func rate(_ files: Int, _ seconds: Double) -> String {
        formatRate(seconds > 0 ? Double(files) / seconds : 0)
    }

    /// The Python reference's cold and cached scan of the same tree (its own cache, started empty).
    static func pythonLine(python: String, root: String) throws -> String {
        try? FileManager.default.removeItem(atPath: root + "/" + DatasetLayout.cacheFolderName)
        let script = """
        import sys, time
        from pathlib import Path
        from wakesmith.audio.ingest import scan
        from wakesmith.config.models import DatasetConfig
        config = DatasetConfig(root=Path(sys.argv[1]))
        t = time.perf_counter(); cold = scan(config); c = time.perf_counter() - t
        t = time.perf_counter(); warm = scan(config); w = time.perf_counter() - t
        print(f"python: {len(cold.records)} files, cold {c:.2f} s ({len(cold.records) / c:.0f} files/s), cached {w:.2f} s ({len(cold.records) / w:.0f} files/s)")
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, root]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure("cannot run \(python): \(error.localizedDescription)", hint: installHint)
        }
        // Drain standard error beside standard output so a chatty child cannot block on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errorData, as: UTF8.self)
            if message.contains("No module named 'wakesmith'") {
                throw Failure("\(python) has no Python reference package (wakesmith) to time", hint: installHint)
            }
            let last = message.split(separator: "\n").last.map(String.init) ?? "no message"
            throw Failure("the Python reference's scan failed (exit \(process.terminationStatus)): \(last)", hint: installHint)
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
