import Foundation
import TestSupport
import Testing

@Suite(.enabled(if: wakesmithExecutable != nil, "needs the built wakesmith executable"))
struct BenchFeaturesCommandTests {
    @Test func lastLineNamesClipsPerSecond() throws {
        let result = try runProcess(try #require(wakesmithExecutable), ["bench", "features", "--clips", "6", "--workers", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let last = try #require(result.standardOutput.split(separator: "\n").last)
        let number = try #require(last.split(separator: " ").first.flatMap { Double($0) })
        #expect(number > 0 && last.contains(" clips/s with 2 workers"))
        #expect(result.standardOutput.contains("× real time on one core"))
    }
}
