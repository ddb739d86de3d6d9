import Foundation
@testable import Support
import TestSupport
import Testing

@Suite struct ClosestMatchTests {
    @Test func suggestsNearbyWords() {
        #expect(closestMatch(to: "bach_size", among: ["batch_size", "learning_rates", "eval_every"]) == "batch_size")
        #expect(closestMatch(to: "learnin_rate", among: ["batch_size", "learning_rates"]) == "learning_rates")
        #expect(closestMatch(to: "zzz", among: ["batch_size", "learning_rates"]) == nil)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance([1, 2, 3], [1, 3]) == 1)
        #expect(editDistance(Array("kitten"), Array("sitting"), limit: 2) == 3)
        #expect(editDistance(Array("kitten"), Array("sitting"), limit: 3) == 3)
    }
}

@Suite struct SeededGeneratorTests {
    @Test func sameSeedSameStreamOtherSeedOtherStream() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0 ..< 8).map { _ in a.next() }
        #expect(first == (0 ..< 8).map { _ in b.next() })
        #expect(first != (0 ..< 8).map { _ in c.next() })
        var s1 = SeededGenerator(seed: 1, stream: 5, 0), s2 = SeededGenerator(seed: 1, stream: 0, 5)
        #expect(s1.next() != s2.next())
    }

    @Test func drawsStayInRangeAndLookUniform() {
        var generator = SeededGenerator(seed: 7)
        var counts = [Int](repeating: 0, count: 10)
        var normalSum = 0.0, normalSquares = 0.0
        for _ in 0 ..< 100_000 {
            let value = generator.integer(in: 0 ... 9)
            counts[value] += 1
            let unit = generator.nextUnit()
            #expect(unit >= 0 && unit < 1)
            let normal = generator.normal()
            normalSum += normal
            normalSquares += normal * normal
        }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        #expect(abs(normalSum / 100_000) < 0.02)
        #expect(abs(normalSquares / 100_000 - 1) < 0.03)
    }

    @Test func weightedIndexFollowsWeights() {
        var generator = SeededGenerator(seed: 3)
        var counts = [0, 0, 0]
        for _ in 0 ..< 30000 { counts[generator.weightedIndex([1, 0, 2])] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(Double(counts[2]) / Double(counts[0]) - 2) < 0.1)
    }
}

@Suite struct AtomicFileTests {
    @Test func commitsOrLeavesNothing() throws {
        let folder = TemporaryDirectory("atomic")
        let target = folder.appending("sub/out.txt").path
        do {
            let file = try AtomicFile(path: target)
            try file.write("half")
            // Released without commit: neither the target nor the temporary file remains.
        }
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appending("sub").path).isEmpty)
        try AtomicFile.write("whole", to: target, durable: true)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "whole")
    }

    @Test func unwritableFolderIsAUserFacingError() {
        #expect(throws: FileError.self) { try AtomicFile.write("x", to: "/proc/none/x.txt") }
    }
}

@Suite struct FormattingTests {
    @Test func durationsAndRates() {
        #expect(formatDuration(65) == "1:05")
        #expect(formatDuration(3723) == "1:02:03")
        #expect(formatRate(0.5123) == "0.51")
        #expect(formatRate(51.23) == "51.2")
        #expect(formatRate(5123.4) == "5123")
    }
}

@Suite struct ProgressBarTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ piece: String) { lock.withLock { text += piece } }
        var lines: [String] { lock.withLock { text.split(separator: "\n").map(String.init) } }
    }

    @Test func logsEveryTenthOnceAndEndsWithoutRepeating() {
        let output = Lines()
        let bar = ProgressBar(label: "features", total: 20, unit: "clips", enabled: true, interactive: false) { output.append($0) }
        for _ in 0 ..< 20 { bar.advance() }
        bar.finish()
        bar.finish()
        let lines = output.lines
        #expect(lines.count == 11)  // 0 %, 10 %, …, 100 %
        #expect(lines.filter { $0.contains("100%") }.count == 1)
        #expect(lines.last?.contains("20/20 clips") == true)
    }

    @Test func finishShowsAnUnfinishedCount() {
        let output = Lines()
        let bar = ProgressBar(label: "scan", total: 100, unit: "files", enabled: true, interactive: false) { output.append($0) }
        for _ in 0 ..< 5 { bar.advance() }
        bar.finish()
        #expect(output.lines.last?.contains("5/100 files") == true)
    }

    /// Threads read the clock before taking the bar's lock, so a thread may arrive with a time earlier than
    /// one already recorded (this trapped on an arithmetic overflow in a parallel features build).
    @Test(arguments: [false, true]) func aClockReadingOlderThanTheLastDrawIsHarmless(interactive: Bool) {
        let output = Lines()
        let bar = ProgressBar(label: "features", total: nil, unit: "clips", enabled: true, interactive: interactive) { output.append($0) }
        let start = DispatchTime.now().uptimeNanoseconds
        bar.advance(by: 1, at: start + 30_000_000_000)  // draws: due by time
        bar.advance(by: 1, at: start + 20_000_000_000)  // an older reading from another thread
        bar.advance(by: 1, at: start + 35_000_000_000)  // not due: 10 s have not passed since the last draw
        bar.advance(by: 1, at: start + 41_000_000_000)  // due again
        bar.finish()
        #expect(bar.completed == 4)
        if interactive {
            // Redraws at most every 0.1 s: at 30, 35 and 41 s, then the final line.
            #expect(output.lines.joined().filter { $0 == "\r" }.count == 4)
        } else {
            // Plain lines every 10 s: at 30 and 41 s, then the final line.
            #expect(output.lines.count == 3)
        }
    }

    @Test func disabledBarPrintsNothing() {
        let output = Lines()
        let bar = ProgressBar(label: "x", total: 3, unit: "y", enabled: false, interactive: false) { output.append($0) }
        bar.advance(by: 3)
        bar.finish()
        #expect(output.lines.isEmpty)
    }
}
