import Foundation
import Support

/// The tflite-micro Python interpreter (a test oracle, never the product) measured on a model, for
/// `bench emulate`'s side-by-side figure, run through `PythonOracle`.
public enum TFLiteMicroOracle {
    /// Inferences per second (wall clock, CPU time) of tflite-micro's interpreter on `modelPath`, or the
    /// reason it could not be measured.
    public static func inferenceRate(modelPath: String, inferences: Int) -> Result<(wall: Double, cpu: Double), PythonOracle.OracleError> {
        let script = """
        import sys, time, os
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        import numpy as np
        from tflite_micro.python.tflite_micro import runtime
        data = open(sys.argv[1], "rb").read()
        n = int(sys.argv[2])
        it = runtime.Interpreter.from_bytes(data, arena_size=262144)
        shape = tuple(it.get_input_details(0)["shape"])
        rng = np.random.default_rng(1)
        blocks = [rng.integers(-128, 128, size=shape, dtype=np.int8) for _ in range(64)]
        for i in range(100):
            it.set_input(blocks[i % 64], 0); it.invoke(); it.get_output(0)
        w, c = time.perf_counter(), time.process_time()
        for i in range(n):
            it.set_input(blocks[i % 64], 0); it.invoke(); it.get_output(0)
        print(n / (time.perf_counter() - w), n / (time.process_time() - c))
        """
        return PythonOracle.run(["-c", script, modelPath, String(inferences)], expecting: 2, what: "tflite-micro")
            .map { (wall: $0[0], cpu: $0[1]) }
    }
}
