import Foundation
import Support

/// The Python side of `bench features` (test oracles, never the product): pymicro-features' frontend on the
/// same audio, and the Python wakesmith package's own `bench features`, run in the same session so the
/// figures are comparable (through `PythonOracle`).
public enum PythonFeaturesOracle {
    /// pymicro-features (its C frontend called from Python in 10 ms chunks, as the Python package feeds it)
    /// on `samples`: seconds of audio per second of process CPU time, best of three runs.
    public static func frontendRealTime(samples: [Int16]) -> Result<Double, PythonOracle.OracleError> {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-frontend-\(getpid()).pcm").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = samples.withUnsafeBytes { Data($0) }
        guard FileManager.default.createFile(atPath: path, contents: bytes) else {
            return .failure(PythonOracle.OracleError(reason: "cannot write \(path)"))
        }
        let script = """
        import sys, time
        import numpy as np
        import pymicro_features
        audio = np.fromfile(sys.argv[1], dtype=np.int16)
        best = float("inf")
        for _ in range(3):
            frontend = pymicro_features.MicroFrontend()
            started = time.process_time()
            for start in range(0, audio.size - 159, 160):
                frontend.process_samples(audio[start:start + 160].tobytes())
            best = min(best, time.process_time() - started)
        print(audio.size / 16000 / best)
        """
        return PythonOracle.run(["-c", script, path], expecting: 1, what: "pymicro-features").map { $0[0] }
    }

    /// The Python wakesmith package's `bench features --clips N --workers W`: (clips/s with `workers`,
    /// clips/s with one worker), parsed from its headline line.
    public static func packageClipsPerSecond(clips: Int, workers: Int) -> Result<(parallel: Double, single: Double), PythonOracle.OracleError> {
        // Its last line: "features: X clips/s (1 worker: Y clips/s) workers=K".
        PythonOracle.run(["-m", "wakesmith", "bench", "features", "--clips", String(clips), "--workers", String(workers)],
            expecting: 4, what: "the Python wakesmith package")
            .map { (parallel: $0[0], single: $0[2]) }
    }
}
