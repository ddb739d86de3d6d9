import Config
import Dataset
import Testing

@Suite struct SplitTests {
    func paths(_ count: Int, prefix: String = "positive/f") -> [String] {
        (0 ..< count).map { index in
            let digits = String(index)
            return prefix + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + ".wav"
        }
    }

    func counts(_ splits: [Split]) -> [Split: Int] {
        Dictionary(grouping: splits, by: { $0 }).mapValues(\.count)
    }

    @Test func addingFilesNeverMovesExistingOnes() {
        let assigner = SplitAssigner(ratios: SplitRatios())
        let before = paths(500).map { assigner.split(for: $0) }
        let after = (paths(500) + paths(700, prefix: "positive/new/g")).map { assigner.split(for: $0) }
        #expect(Array(after.prefix(500)) == before)
    }

    @Test func ratiosAreRoughlyRespectedAndAZeroRatioGetsNothing() {
        let splits = paths(5000).map { SplitAssigner(ratios: SplitRatios(train: 0.7, validation: 0.2, test: 0.1)).split(for: $0) }
        let tally = counts(splits)
        #expect(abs(Double(tally[.train] ?? 0) / 5000 - 0.7) < 0.03)
        #expect(abs(Double(tally[.validation] ?? 0) / 5000 - 0.2) < 0.03)
        #expect(abs(Double(tally[.test] ?? 0) / 5000 - 0.1) < 0.03)
        let none = counts(paths(1000).map { SplitAssigner(ratios: SplitRatios(train: 0.9, validation: 0.1, test: 0)).split(for: $0) })
        #expect(none[.test] == nil && (none[.validation] ?? 0) > 0)
    }

    @Test func groupsNeverStraddleSplits() throws {
        let assigner = SplitAssigner(ratios: SplitRatios(), groupPattern: try GroupPattern("^(.+?)__"))
        var byGroup: [String: Set<Split>] = [:]
        for kind in ["positive", "negative"] {
            for voice in 0 ..< 60 {
                for take in 0 ..< 8 {
                    byGroup["voice\(voice)", default: []].insert(assigner.split(for: "\(kind)/sub/voice\(voice)__\(take).wav"))
                }
            }
        }
        #expect(byGroup.values.allSatisfy { $0.count == 1 })
        #expect(Set(byGroup.values.compactMap(\.first)).count == 3)  // groups still spread over all splits
    }

    @Test func theGroupComesFromTheFileNameElseThePath() throws {
        let assigner = SplitAssigner(ratios: SplitRatios(), groupPattern: try GroupPattern("^(.+?)__"))
        #expect(assigner.key(for: "positive/spk7/a__1.wav") == "group:a")
        #expect(assigner.key(for: "positive/nomatch.wav") == "path:positive/nomatch.wav")
        #expect(assigner.key(for: "positive/x__/y.wav") == "path:positive/x__/y.wav")
        #expect(SplitAssigner(ratios: SplitRatios()).key(for: "positive/x.wav") == "path:positive/x.wav")
    }

    /// Values from Python: `int.from_bytes(blake2b(key, digest_size=8).digest(), "big") / 2**64`.
    @Test func unitIntervalMatchesPython() {
        #expect(SplitAssigner.unitInterval("group:espeak-en-us-m3") == Double(UInt64(0x4490_2154_296B_2C12)) / 0x1p64)
        #expect(SplitAssigner.unitInterval("path:positive/a.wav") == Double(UInt64(0xE997_6609_A0E1_5CD2)) / 0x1p64)
    }
}
