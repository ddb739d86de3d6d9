import Foundation
import Support

/// English words with their pronunciations as espeak-ng phonemes, for finding real words that sound close to
/// a wake word (`PhonemeNeighbours`). The Swift stand-in for the CMU dictionary the Python reference used.
///
/// The words come from a plain word list, one per line (Debian's `wamerican`: `/usr/share/dict/words`);
/// lowercase alphabetic entries are kept. espeak-ng pronounces each (`espeak-ng -q -x --sep=_`, US English),
/// which takes about a minute of CPU for the ~64 000 words, so the result is cached per word list and
/// espeak-ng version in `$XDG_CACHE_HOME/wakesmith/` (default `~/.cache/wakesmith/`).
public struct PhonemeLexicon: Sendable {
    /// Word → phonemes without stress marks (`jarvis` → `dZ A@ v I s`).
    public let pronunciations: [String: [String]]

    public init(pronunciations: [String: [String]]) {
        self.pronunciations = pronunciations
    }

    /// The default word list, when installed.
    public static var defaultWordList: String? {
        ["/usr/share/dict/words", "/usr/share/dict/american-english", "/usr/share/dict/british-english"]
            .first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Where lexicons are cached.
    public static var cacheFolder: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["XDG_CACHE_HOME"], !folder.isEmpty { return "\(folder)/wakesmith" }
        return "\(environment["HOME"] ?? NSTemporaryDirectory())/.cache/wakesmith"
    }

    /// espeak-ng's phonemes split into phoneme symbols, stress marks removed: `h_'eI dZ_'A@_v_I_s` →
    /// `h eI dZ A@ v I s`.
    public static func symbols(_ phonemes: String) -> [String] {
        phonemes.split { $0 == "_" || $0.isWhitespace }
            .map { String($0.filter { !"',%=".contains($0) }) }
            .filter { !$0.isEmpty }
    }

    /// The lexicon of `wordList`, from the cache or built now (in parallel over `workers` espeak-ng
    /// processes, with a progress bar on standard error).
    public static func load(wordList: String, workers: Int, cacheFolder: String = cacheFolder,
                            showProgress: Bool = true) throws -> PhonemeLexicon
    {
        let words = try readWords(wordList)
        let version = (try? ExternalProgram(EspeakEngine.program).run(["--version"], timeout: 30).outputText) ?? "unknown"
        let key = BLAKE2b.hexDigest(version + "\n" + words.joined(separator: "\n"), digestLength: 8)
        let cachePath = "\(cacheFolder)/lexicon-espeak-\(key).tsv"
        if let text = try? String(contentsOfFile: cachePath, encoding: .utf8), let cached = parse(text), cached.count == words.count {
            return PhonemeLexicon(pronunciations: cached)
        }
        let pronunciations = try build(words, workers: workers, showProgress: showProgress)
        var text = ""
        for word in words { text += word + "\t" + (pronunciations[word] ?? []).joined(separator: " ") + "\n" }
        try? AtomicFile.write(text, to: cachePath)
        return PhonemeLexicon(pronunciations: pronunciations)
    }

    /// The lowercase alphabetic words of a word list, unique, in list order.
    static func readWords(_ path: String) throws(SynthError) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SynthError("cannot read the word list \(path)", hint: "install one (sudo apt-get install wamerican) or pass --word-list none")
        }
        var seen: Set<String> = [], words: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let word = String(line)
            guard !word.isEmpty, word.allSatisfy({ ("a" ... "z").contains($0) }), seen.insert(word).inserted else { continue }
            words.append(word)
        }
        return words
    }

    static func parse(_ text: String) -> [String: [String]]? {
        var result: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            result[String(parts[0])] = parts[1].split(separator: " ").map(String.init)
        }
        return result
    }

    /// Pronounces every word: chunks of words, one espeak-ng process per chunk, `workers` at a time.
    static func build(_ words: [String], workers: Int, showProgress: Bool) throws -> [String: [String]] {
        let chunkSize = 1000
        let chunks = stride(from: 0, to: words.count, by: chunkSize).map { Array(words[$0 ..< min(words.count, $0 + chunkSize)]) }
        let progress = ProgressBar(label: "pronouncing the word list (once)", total: words.count, unit: "words", enabled: showProgress)
        let results = try ParallelWork.map(chunks, workers: workers) { chunk throws(SynthError) in
            let lines = try EspeakEngine.phonemes(chunk)
            progress.advance(by: chunk.count)
            return lines.map(symbols)
        }
        progress.finish()
        var pronunciations: [String: [String]] = [:]
        for (chunk, lines) in zip(chunks, results) {
            for (word, symbols) in zip(chunk, lines) { pronunciations[word] = symbols }
        }
        return pronunciations
    }
}
