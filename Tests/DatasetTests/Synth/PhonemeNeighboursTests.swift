import Foundation
import Support
import Testing
import TestSupport
@testable import Dataset

@Suite struct PhonemeNeighboursTests {
    let tiny = PhonemeLexicon(pronunciations: [
        "hey": ["h", "eI"], "hay": ["h", "eI"], "hi": ["h", "aI"], "day": ["d", "eI"],
        "heating": ["h", "i:", "t", "I", "N"],
        "jarvis": ["dZ", "A@", "v", "I", "s"], "travis": ["t", "r", "a", "v", "I", "s"],
        "harvest": ["h", "A@", "v", "I", "s", "t"], "carvings": ["k", "A@", "v", "I", "N", "z"],
    ])

    @Test func distanceCountsEditsAndStopsEarly() {
        #expect(PhonemeNeighbours.distance(["A", "B", "C"], ["A", "B", "C"]) == 0)
        #expect(PhonemeNeighbours.distance(["A", "B", "C"], ["A", "X", "C"]) == 1)
        #expect(PhonemeNeighbours.distance(["A", "B"], ["A", "B", "C"]) == 1)
        #expect(PhonemeNeighbours.distance([], ["A", "B"]) == 2)
        #expect(PhonemeNeighbours.distance(Array(repeating: "A", count: 6), Array(repeating: "B", count: 6), limit: 2) == 3)
    }

    @Test func neighboursExcludeHomophonesAndSortByDistance() {
        #expect(Set(PhonemeNeighbours.neighbours(of: "hey", in: tiny)) == ["hi", "day"])
        #expect(PhonemeNeighbours.homophones(of: "hey", in: tiny) == ["hay"])
        #expect(PhonemeNeighbours.neighbours(of: "jarvis", in: tiny) == ["harvest"])
        #expect(!PhonemeNeighbours.neighbours(of: "hey", in: tiny).contains("heating")) // 3 away from a 2-phoneme word
        #expect(PhonemeNeighbours.neighbours(of: "jarvis", in: tiny, maxDistance: 3).contains("travis"))
        #expect(PhonemeNeighbours.neighbours(of: "nabu", in: tiny).isEmpty)
        #expect(PhonemeNeighbours.unknownWords("okay nabu", in: tiny) == ["okay", "nabu"])
    }

    @Test func confusablePhrasesSwapOneWordInTurn() {
        let phrases = PhonemeNeighbours.confusablePhrases("hey jarvis", in: tiny)
        #expect(phrases.contains("hey harvest") && phrases.contains { $0.hasSuffix(" jarvis") })
        #expect(!phrases.contains("hey jarvis") && !phrases.contains("hay jarvis"))
        #expect(phrases.allSatisfy { $0.split(separator: " ").count == 2 })
        #expect(phrases == PhonemeNeighbours.confusablePhrases("hey jarvis", in: tiny))
    }

    @Test func symbolsDropStressAndSeparators() {
        #expect(PhonemeLexicon.symbols("h_'eI dZ_'A@_v_I_s") == ["h", "eI", "dZ", "A@", "v", "I", "s"])
        #expect(PhonemeLexicon.symbols("a#_b_,eI_s") == ["a#", "b", "eI", "s"])
    }

    @Test(.enabled(if: EspeakEngine().isAvailable))
    func espeakLexiconFromAWordListIsCached() throws {
        let folder = TemporaryDirectory("lexicon")
        let list = folder.appending("words").path
        try "hey\nhay\nhi\nday\njarvis\ntravis\nharvest\nMarvin\nit's\nheating\n".write(toFile: list, atomically: true, encoding: .utf8)
        let cache = folder.appending("cache").path
        let lexicon = try PhonemeLexicon.load(wordList: list, workers: 2, cacheFolder: cache, showProgress: false)
        #expect(lexicon.pronunciations.count == 8) // "Marvin" and "it's" are not lowercase letters only
        #expect(lexicon.pronunciations["hey"] == lexicon.pronunciations["hay"]) // espeak-ng: a true homophone
        #expect(PhonemeNeighbours.homophones(of: "hey", in: lexicon) == ["hay"])
        #expect(PhonemeNeighbours.neighbours(of: "jarvis", in: lexicon).contains("harvest"))
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache)
        #expect(cached.count == 1)
        try "hey\tX\n".write(toFile: "\(cache)/\(cached[0])", atomically: true, encoding: .utf8) // a damaged cache is rebuilt
        #expect(try PhonemeLexicon.load(wordList: list, workers: 1, cacheFolder: cache, showProgress: false).pronunciations == lexicon.pronunciations)
        #expect(try PhonemeLexicon.load(wordList: list, workers: 1, cacheFolder: cache, showProgress: false).pronunciations == lexicon.pronunciations)
    }
}
