import Dataset
import Foundation
import Support

/// What the demo's ambient talkers say: ordinary sentences and strings of dictionary words, never a word of
/// the wake phrase. Word strings keep hours of babble from repeating the hundred built-in sentences.
struct BabbleText: Sendable {
    let sentences: [String]
    let words: [String]

    init(wakePhrase: String, wordList: String? = PhonemeLexicon.defaultWordList) {
        sentences = Sentences.ordinary(excluding: wakePhrase)
        let banned = Set(PhraseTexts.words(of: wakePhrase))
        var words: [String] = []
        if let wordList, let text = try? String(contentsOfFile: wordList, encoding: .utf8) {
            for line in text.split(separator: "\n") where (3 ... 10).contains(line.count)
                && line.allSatisfy({ $0.isASCII && $0.isLowercase }) && !banned.contains(String(line))
            {
                words.append(String(line))
            }
        }
        self.words = words
    }

    /// About `count` words: sentences and word strings of 4–12 words, alternating at random.
    func text(words count: Int, using generator: inout SeededGenerator) -> String {
        var parts: [String] = []
        var total = 0
        while total < count {
            if words.isEmpty || (!sentences.isEmpty && generator.uniform(0, 1) < 0.4) {
                let sentence = sentences[generator.integer(in: 0 ..< sentences.count)]
                parts.append(sentence)
                total += sentence.split(separator: " ").count
            } else {
                let length = generator.integer(in: 4 ... 12)
                let string = (0 ..< length).map { _ in words[generator.integer(in: 0 ..< words.count)] }.joined(separator: " ")
                parts.append(string.prefix(1).uppercased() + string.dropFirst() + (generator.uniform(0, 1) < 0.2 ? "?" : "."))
                total += length
            }
        }
        return parts.joined(separator: " ")
    }
}
