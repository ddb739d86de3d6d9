import Support

/// Phrases that sound almost like the wake phrase ("hey jervis", "hey travis"): the negatives most likely to
/// fool a model. Two sources, interleaved: spelling edits of one word (swap its onset, a vowel or its final
/// consonants), ranked by how close they sound; and real words a phoneme or two away from a wake word
/// (`PhonemeNeighbours`). Homophones of the wake phrase ("hay jarvis") are dropped: as negatives they would
/// be positives labelled wrong.
public enum NearMisses {
    /// Turns texts into phoneme strings (espeak-ng's `-x` output), one per text.
    public typealias Phonemizer = ([String]) throws(SynthError) -> [String]

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u"]
    static let onsets = [
        "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y", "z",
        "ch", "sh", "th", "br", "tr", "gr", "st", "pl",
    ]
    static let codas = ["s", "n", "t", "d", "z", "ce", "ck", "ng", "x", ""]
    static let leadWords = ["a", "the", "hi", "oh", "okay", "say", "hey", "hay", "yo"]

    /// Where a near miss came from.
    public enum Source: String, Sendable { case spelling, dictionary }

    /// Spelling edits of one word that usually change one or two sounds.
    public static func wordVariants(_ word: String) -> Set<String> {
        let letters = Array(word)
        var out: Set<String> = []
        let isVowelOrY = { (c: Character) in vowels.contains(c) || c == "y" }
        let onsetLength = letters.firstIndex(where: isVowelOrY) ?? letters.count
        let onset = String(letters[0 ..< onsetLength]), rest = String(letters[onsetLength...])
        if !rest.isEmpty {
            for candidate in onsets where candidate != onset { out.insert(candidate + rest) }
            if !onset.isEmpty { out.insert(rest) }
        }
        for (index, character) in letters.enumerated() where vowels.contains(character) {
            for vowel in vowels where vowel != character {
                var copy = letters
                copy[index] = vowel
                out.insert(String(copy))
            }
        }
        if letters.count > 2 {
            for index in 1 ..< letters.count - 1 where !vowels.contains(letters[index]) && vowels.contains(letters[index - 1]) {
                var copy = letters
                copy.remove(at: index) // drop a consonant after a vowel: jarvis → javis
                out.insert(String(copy))
            }
        }
        var codaStart = letters.count
        while codaStart > 0, !isVowelOrY(letters[codaStart - 1]) { codaStart -= 1 }
        if codaStart < letters.count, codaStart > 0 {
            let stem = String(letters[0 ..< codaStart]), coda = String(letters[codaStart...])
            for candidate in codas where candidate != coda { out.insert(stem + candidate) }
        }
        return out.filter { ($0.count > 1 && $0 != word) || $0 == "a" }
    }

    /// Every phrase with one word edited, plus other lead words for multi-word phrases (sorted, unique).
    public static func candidates(_ phrase: String) -> [String] {
        let words = PhraseTexts.words(of: phrase)
        var found: Set<String> = []
        for (index, word) in words.enumerated() {
            for variant in wordVariants(word) {
                var copy = words
                copy[index] = variant
                found.insert(copy.joined(separator: " "))
            }
        }
        if words.count > 1 {
            for lead in leadWords { found.insert(([lead] + words.dropFirst()).joined(separator: " ")) }
        }
        found.remove(words.joined(separator: " "))
        return found.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    /// Phoneme text without stress, length and separator marks, for comparing sounds.
    static func normalized(_ phonemes: String) -> String {
        String(phonemes.filter { !"',#%=_:;".contains($0) && !$0.isWhitespace })
    }

    /// The `limit` spelling candidates that sound closest to the phrase without sounding the same, taken in
    /// turn from each edited word so every word of the phrase gets its near misses. Without a phonemizer the
    /// spelling stands in for the sound (homophones then cannot be detected).
    public static func closePhrases(_ phrase: String, phonemizer: Phonemizer?, limit: Int = 48) throws(SynthError) -> [String] {
        let candidates = candidates(phrase)
        let target = PhraseTexts.words(of: phrase).joined(separator: " ")
        let reference: String, sounds: [String]
        if let phonemizer {
            let all = try phonemizer([target] + candidates).map(normalized)
            reference = all[0]
            sounds = Array(all.dropFirst())
        } else {
            reference = target.replacingSpaces()
            sounds = candidates.map { $0.replacingSpaces() }
        }
        var byPosition: [Int: [(distance: Int, tieBreak: String, text: String)]] = [:]
        var seenSounds: Set<String> = []
        for (candidate, sound) in zip(candidates, sounds) {
            let distance = editDistance(reference, sound)
            if distance == 0 || !seenSounds.insert(sound).inserted { continue }
            let tieBreak = BLAKE2b.hexDigest(candidate, digestLength: 4) // varied, yet stable
            byPosition[changedWord(target, candidate), default: []].append((distance, tieBreak, candidate))
        }
        var queues = byPosition.keys.sorted().map { position in
            byPosition[position, default: []].sorted { ($0.distance, $0.tieBreak, $0.text) < ($1.distance, $1.tieBreak, $1.text) }[...]
        }
        var chosen: [String] = []
        while chosen.count < limit, queues.contains(where: { !$0.isEmpty }) {
            for index in queues.indices where !queues[index].isEmpty && chosen.count < limit {
                chosen.append(queues[index].removeFirst().text)
            }
        }
        return chosen
    }

    static func changedWord(_ target: String, _ candidate: String) -> Int {
        let a = target.split(separator: " "), b = candidate.split(separator: " ")
        for index in 0 ..< min(a.count, b.count) where a[index] != b[index] { return index }
        return 0
    }

    /// (source, text): spelling edits interleaved with dictionary neighbours (`dictionary`: phrases with one
    /// word swapped for a real word that sounds close, from `PhonemeNeighbours`).
    public static func nearMisses(_ phrase: String, phonemizer: Phonemizer?, dictionary: [String],
                                  limit: Int = 48) throws(SynthError) -> [(source: Source, text: String)]
    {
        let spelled = try closePhrases(phrase, phonemizer: phonemizer, limit: limit)
        var words = Array(dictionary.filter { !spelled.contains($0) }.prefix(limit))
        if let phonemizer, !words.isEmpty { // the dictionary's own homophone check used its pronunciations
            let target = PhraseTexts.words(of: phrase).joined(separator: " ")
            let sounds = try phonemizer([target] + words).map(normalized)
            words = zip(words, sounds.dropFirst()).filter { $0.1 != sounds[0] }.map(\.0)
        }
        var merged: [(source: Source, text: String)] = []
        for index in 0 ..< max(spelled.count, words.count) {
            if index < spelled.count { merged.append((.spelling, spelled[index])) }
            if index < words.count { merged.append((.dictionary, words[index])) }
        }
        return merged
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(filter { $0 != " " }) }
}
