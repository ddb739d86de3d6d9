import Foundation
import TestSupport
import Testing

@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct BenchTrainCommandTests {
    /// The headline is the last line and the step's time is broken down by part (the Python trainer beside it
    /// starts TensorFlow, minutes on a loaded machine: skipped here, measured by the benchmark itself).
    @Test func lastLineNamesStepsPerSecondWithTheBreakdown() throws {
        let result = try runProcess(try #require(wakesmithExecutable),
                                    ["bench", "train", "--batch-size", "16", "--steps", "3", "--warmup", "1", "--no-python"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        let last = try #require(lines.last)
        let number = try #require(last.split(separator: " ").first.flatMap { Double($0) })
        #expect(number > 0 && last.hasSuffix(" steps/s at batch 16"))
        let breakdown = try #require(lines.first { $0.hasPrefix("per step:") })
        for part in ["batch assembly", "forward", "backward", "optimizer"] { #expect(breakdown.contains(part)) }
        #expect(!result.standardOutput.contains("Python wakesmith package"))
    }
}
