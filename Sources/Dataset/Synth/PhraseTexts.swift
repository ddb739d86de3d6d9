/// The texts synth speaks that come from the wake phrase itself: its spellings (positives) and pieces of
/// it (negatives). Users report false wakes on exactly these pieces: "jarvis", "hey hey", "jarvis hey".
public enum PhraseTexts {
    /// The words of a phrase: lowercase runs of letters and apostrophes.
    public static func words(of phrase: String) -> [String] {
        var words: [String] = [], current = ""
        for character in phrase.lowercased() {
            if ("a" ... "z").contains(character) || character == "'" {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Spellings of the wake phrase that change prosody: statement, call, question, a pause after word one.
    public static func positives(_ phrase: String) -> [String] {
        let words = words(of: phrase)
        let plain = words.joined(separator: " ")
        var texts = [plain, "\(plain).", "\(plain)!", "\(plain)?"]
        if words.count > 1 { texts.append("\(words[0]), \(words.dropFirst().joined(separator: " "))") }
        return texts
    }

    /// Pieces of the phrase: each word alone and repeated, the words reversed, runs of words, the last word
    /// cut after its first vowel group; for a one-word phrase, its halves and the word twice.
    public static func partials(_ phrase: String) -> [String] {
        let words = words(of: phrase)
        let target = words.joined(separator: " ")
        var found: [String] = []
        if words.count == 1 {
            let word = Array(words[0])
            let middle = max(2, word.count / 2)
            found += [String(word.prefix(middle)), String(word.dropFirst(middle - 1)), String(word.dropLast(2)),
                      "\(words[0]) \(words[0])"]
        } else if words.count > 1 {
            for word in words { found += [word, "\(word) \(word)"] }
            found.append(words.reversed().joined(separator: " "))
            if words.count > 2 {
                for length in 2 ..< words.count {
                    for start in 0 ... words.count - length {
                        found.append(words[start ..< start + length].joined(separator: " "))
                    }
                }
            }
            let last = Array(words[words.count - 1])
            if let end = firstVowelGroupEnd(last), end < last.count {
                found.append((words.dropLast() + [String(last.prefix(end))]).joined(separator: " "))
            }
        }
        var unique: [String] = []
        for text in found where !text.isEmpty && text != target && !unique.contains(text) { unique.append(text) }
        return unique
    }

    /// The end of the first run of vowels (y included) and the consonants after it: "jarvis" → 3 ("jar").
    static func firstVowelGroupEnd(_ word: [Character]) -> Int? {
        guard let start = word.firstIndex(where: { "aeiouy".contains($0) }) else { return nil }
        var end = start
        while end < word.count, "aeiouy".contains(word[end]) { end += 1 }
        while end < word.count, !"aeiouy".contains(word[end]) { end += 1 }
        return end
    }
}
