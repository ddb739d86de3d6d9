import Emulator

/// A run of real inferences: two freshly loaded models fed the same deterministic feature sequence must
/// give the same outputs (state initialised by CALL_ONCE, nothing read before it is written).
enum InferenceCheck {
    static func check(_ report: inout ModelReport, interpreter: Interpreter, inferences: Int) {
        guard inferences > 0, let input = interpreter.inputs.first, input.type == .int8, input.byteCount > 0 else { return }
        func run() -> [UInt8] {
            interpreter.reset()
            var generator = FeaturePattern()
            var outputs: [UInt8] = []
            for _ in 0 ..< inferences {
                let block = (0 ..< input.byteCount).map { _ in generator.next() }
                try? interpreter.setInput(0, int8: block)
                interpreter.invoke()
                outputs.append(interpreter.outputByte(0))
            }
            return outputs
        }
        let first = run(), second = run()
        interpreter.reset()
        if first == second {
            let range = "\(first.min() ?? 0)–\(first.max() ?? 0)"
            report.add("inference", .pass, "\(inferences) inferences on varied features, twice from a fresh load: identical outputs (\(range))")
        } else {
            let differing = zip(first, second).filter { $0 != $1 }.count
            report.add("inference", .fail, "two fresh loads disagree on \(differing) of \(inferences) outputs: the model's state is not initialised deterministically")
        }
    }

    /// Silence, noise and a slow sweep: enough to exercise every streaming buffer.
    struct FeaturePattern {
        private var state: UInt32 = 0x9E37_79B9
        private var count = 0

        mutating func next() -> Int8 {
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            count += 1
            switch (count / 600) % 3 {
            case 0: return -128
            case 1: return Int8(truncatingIfNeeded: Int(state % 256) - 128)
            default: return Int8(truncatingIfNeeded: (count % 256) - 128)
            }
        }
    }
}
