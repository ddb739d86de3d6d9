import Foundation
import ESPHome
import Frontend
import TFLiteFormat

/// `wakesmith bench emulate`: inferences per second of the emulator on one model, and the time to run an
/// hour of audio through the device pipeline (frontend + model + detection) on one core.
public struct EmulatorBenchmark {
    public let model: TFLiteModel
    public var inferences = 20000
    public var audioSeconds = 3600

    public init(model: TFLiteModel) {
        self.model = model
    }

    /// A rate measured twice: against the wall clock and against the process's CPU time.
    public struct Rate: Sendable {
        public let count: Int
        public let wallSeconds: Double
        public let cpuSeconds: Double
        public var perWallSecond: Double { Double(count) / max(wallSeconds, 1e-9) }
        public var perCPUSecond: Double { Double(count) / max(cpuSeconds, 1e-9) }
    }

    /// Inferences on varied int8 input blocks (input copy, invoke, output read, as a device step does).
    public func inferenceRate() throws(EmulatorError) -> Rate {
        let interpreter = try Interpreter(model: model)
        guard let input = interpreter.inputs.first else { throw .invalidInput("the model has no input") }
        var generator = SplitMix(seed: 1)
        let blocks = (0 ..< 64).map { _ in (0 ..< input.byteCount).map { _ in Int8(truncatingIfNeeded: generator.next()) } }
        for index in 0 ..< 100 { try interpreter.setInput(0, int8: blocks[index % 64]) ; interpreter.invoke() }
        let (wall, cpu) = Self.clocks()
        var sink: UInt32 = 0
        for index in 0 ..< inferences {
            blocks[index % 64].withUnsafeBytes { bytes in
                interpreter.inputBuffer(0).copyMemory(from: bytes)
            }
            interpreter.invoke()
            sink &+= UInt32(interpreter.outputByte(0))
        }
        let (wallEnd, cpuEnd) = Self.clocks()
        if sink == UInt32.max { print("") } // keeps the loop from being optimised away
        return Rate(count: inferences, wallSeconds: wallEnd - wall, cpuSeconds: cpuEnd - cpu)
    }

    /// `audioSeconds` of synthetic audio (a minute of noise, tones and silence, repeated) through the device
    /// pipeline of `release`, continuously, on the calling thread.
    public func audioRate(release: ESPHomeVersion = ReleaseTable.defaultRelease) throws -> (seconds: Double, cpuSeconds: Double, inferences: Int) {
        let interpreter = try Interpreter(model: model)
        let pipeline = try DevicePipeline(models: [(interpreter, .init(probabilityCutoff: 0.97, slidingWindowSize: 5))], release: release)
        let minute = Self.syntheticMinute()
        var count = 0
        let (wall, cpu) = Self.clocks()
        let repeats = max(audioSeconds / 60, 1)
        for _ in 0 ..< repeats {
            minute.withUnsafeBufferPointer { buffer in
                pipeline.feed(samples: buffer) { event in
                    if case .output = event { count += 1 }
                }
            }
        }
        let (wallEnd, cpuEnd) = Self.clocks()
        return (wallEnd - wall, cpuEnd - cpu, count)
    }

    /// One minute of 16 kHz audio: white noise, a rising tone and silence, 20 s each.
    static func syntheticMinute() -> [Int16] {
        var generator = SplitMix(seed: 7)
        var samples = [Int16](repeating: 0, count: 60 * 16000)
        for index in 0 ..< 20 * 16000 { samples[index] = Int16(truncatingIfNeeded: Int(generator.next() % 8000) - 4000) }
        var phase = 0.0
        for index in 20 * 16000 ..< 40 * 16000 {
            let t = Double(index - 20 * 16000) / 16000
            phase += 2 * Double.pi * (200 + 190 * t) / 16000
            samples[index] = Int16(6000 * sin(phase))
        }
        return samples
    }

    static func clocks() -> (wall: Double, cpu: Double) {
        var wall = timespec(), cpu = timespec()
        clock_gettime(CLOCK_MONOTONIC, &wall)
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu)
        return (Double(wall.tv_sec) + Double(wall.tv_nsec) / 1e9, Double(cpu.tv_sec) + Double(cpu.tv_nsec) / 1e9)
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
