import Support

/// Real words a phoneme or two away from a wake word ("hey jarvis" → "hey travis", "hi jarvis"): the
/// confusable phrases a model must not fire on. Pure functions over any `PhonemeLexicon`.
///
/// Short words (three phonemes or fewer: "hey" has dozens of neighbours at one) get neighbours one phoneme
/// away, longer ones up to two. Homophones (distance 0) are never neighbours: they sound the same as the
/// wake word. Ties are broken in a fixed pseudo-random order (a hash of the word) so a limit does not keep
/// only words starting with "a".
public enum PhonemeNeighbours {
    /// Levenshtein distance between phoneme sequences; past `limit` it stops early and returns `limit + 1`.
    public static func distance(_ a: [String], _ b: [String], limit: Int = .max) -> Int {
        editDistance(a, b, limit: limit)
    }

    /// 1 phoneme for words of three phonemes or fewer, 2 for longer ones.
    static func defaultDistance(_ pronunciation: [String]) -> Int {
        pronunciation.count <= 3 ? 1 : 2
    }

    /// Lexicon words 1…`maxDistance` phonemes from `word` (nil: the default for its length), closest first,
    /// then same phoneme count first, then in a fixed pseudo-random order. Empty for a word the lexicon does
    /// not know.
    public static func neighbours(of word: String, in lexicon: PhonemeLexicon, maxDistance: Int? = nil,
                                  limit: Int? = nil) -> [String]
    {
        let word = word.lowercased()
        guard let target = lexicon.pronunciations[word], !target.isEmpty else { return [] }
        let limitDistance = maxDistance ?? defaultDistance(target)
        var scored: [(distance: Int, lengthChange: Int, order: UInt32, word: String)] = []
        for (other, pronunciation) in lexicon.pronunciations where other != word && !pronunciation.isEmpty {
            let apart = distance(target, pronunciation, limit: limitDistance)
            if apart >= 1, apart <= limitDistance {
                scored.append((apart, abs(pronunciation.count - target.count), stableOrder(other), other))
            }
        }
        scored.sort { ($0.distance, $0.lengthChange, $0.order, $0.word) < ($1.distance, $1.lengthChange, $1.order, $1.word) }
        let names = scored.map(\.word)
        return limit.map { Array(names.prefix($0)) } ?? names
    }

    /// Lexicon words that sound exactly like `word`.
    public static func homophones(of word: String, in lexicon: PhonemeLexicon) -> [String] {
        let word = word.lowercased()
        guard let target = lexicon.pronunciations[word], !target.isEmpty else { return [] }
        return lexicon.pronunciations.filter { $0.key != word && $0.value == target }.map(\.key).sorted()
    }

    /// Words of the phrase the lexicon does not know (they get no neighbours).
    public static func unknownWords(_ phrase: String, in lexicon: PhonemeLexicon) -> [String] {
        PhraseTexts.words(of: phrase).filter { lexicon.pronunciations[$0] == nil }
    }

    /// The phrase with one word swapped for a neighbour, closest neighbours first, taking each word of the
    /// phrase in turn: "hey jarvis" → ["hi jarvis", "hey travis", …].
    public static func confusablePhrases(_ phrase: String, in lexicon: PhonemeLexicon, maxDistance: Int? = nil,
                                         perWord: Int = 20) -> [String]
    {
        let words = PhraseTexts.words(of: phrase)
        let options = words.map { neighbours(of: $0, in: lexicon, maxDistance: maxDistance, limit: perWord) }
        var result: [String] = []
        for rank in 0 ..< (options.map(\.count).max() ?? 0) {
            for (index, choices) in options.enumerated() where rank < choices.count {
                var copy = words
                copy[index] = choices[rank]
                result.append(copy.joined(separator: " "))
            }
        }
        return result
    }

    static func stableOrder(_ word: String) -> UInt32 {
        BLAKE2b.hash(Array(word.utf8), digestLength: 4).reduce(0) { $0 << 8 | UInt32($1) }
    }
}
