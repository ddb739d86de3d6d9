import Foundation
import Support
@testable import Dataset
import Testing

@Suite struct PhraseTextsTests {
    @Test(arguments: ["hey jarvis", "okay nabu", "alexa", "hey home assistant"])
    func closePhrasesExistForAnyPhrase(_ phrase: String) throws {
        let close = try NearMisses.closePhrases(phrase, phonemizer: nil)
        #expect(close.count >= 20)
        #expect(!close.contains(phrase) && Set(close).count == close.count)
        for candidate in close {
            #expect(candidate.split(separator: " ").count == phrase.split(separator: " ").count)
            let distance = editDistance(candidate.replacingOccurrences(of: " ", with: ""), phrase.replacingOccurrences(of: " ", with: ""))
            #expect(distance > 0 && distance <= 4, "\(candidate)")
        }
    }

    @Test func closePhrasesEditEveryWord() throws {
        let close = try NearMisses.closePhrases("hey jarvis", phonemizer: nil)
        #expect(close.contains { $0.hasSuffix(" jarvis") })
        #expect(close.contains { $0.hasPrefix("hey ") })
    }

    @Test func wordVariantsEditOnsetVowelAndCoda() {
        let variants = NearMisses.wordVariants("jarvis")
        #expect(Set(["marvis", "jervis", "arvis", "jarvin", "javis"]).isSubset(of: variants))
        #expect(!variants.contains("jarvis"))
    }

    @Test func aPhonemizerDropsHomophones() throws {
        let fake: NearMisses.Phonemizer = { texts in texts.map { ["hey jarvis", "hay jarvis"].contains($0) ? "SAME" : $0 } }
        #expect(NearMisses.candidates("hey jarvis").contains("hay jarvis"))
        #expect(try !NearMisses.closePhrases("hey jarvis", phonemizer: fake, limit: 500).contains("hay jarvis"))
        #expect(try NearMisses.closePhrases("hey jarvis", phonemizer: nil, limit: 500).contains("hay jarvis"))
    }

    @Test func nearMissesInterleaveSourcesWithoutHomophones() throws {
        let fake: NearMisses.Phonemizer = { texts in texts.map { ["hey jarvis", "hay jarvis", "hey marvin"].contains($0) ? "SAME" : $0 } }
        let misses = try NearMisses.nearMisses("hey jarvis", phonemizer: fake, dictionary: ["hey marvin", "hey travis", "hi jarvis"], limit: 500)
        let texts = misses.map(\.text)
        #expect(!texts.contains("hay jarvis") && !texts.contains("hey marvin"))
        #expect(Set(texts).count == texts.count)
        #expect(misses[1].source == .dictionary && misses[1].text == "hey travis")
        #expect(misses.filter { $0.source == .dictionary }.map(\.text) == ["hey travis"]) // "hi jarvis" is a spelling edit already
    }

    @Test func partialsArePiecesNeverTheWhole() {
        let parts = PhraseTexts.partials("hey jarvis")
        #expect(Set(["hey", "jarvis", "hey hey", "jarvis jarvis", "jarvis hey", "hey jarv"]).isSubset(of: Set(parts)))
        #expect(!parts.contains { $0.contains("hey jarvis") })
        let single = PhraseTexts.partials("alexa")
        #expect(!single.isEmpty && !single.contains("alexa"))
        #expect(Set(["hey home", "home assistant", "assistant home hey"]).isSubset(of: Set(PhraseTexts.partials("hey home assistant"))))
    }

    @Test func positivesVaryPunctuationOnly() {
        let texts = PhraseTexts.positives("Hey Jarvis")
        #expect(texts.contains("hey jarvis") && texts.contains("hey, jarvis"))
        for text in texts {
            #expect(text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .init(charactersIn: ".!?")) == "hey jarvis")
        }
        #expect(PhraseTexts.words(of: "Okay, NABU's!") == ["okay", "nabu's"])
    }

    @Test func sentencesExcludeTheWakePhrase() {
        #expect(Sentences.all.count >= 100)
        #expect(Sentences.ordinary(excluding: "okay let's").count == Sentences.all.count - 1)
    }
}
