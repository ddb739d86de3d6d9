/// The candidate nearest to `word` by edit distance, when it is near enough to be a plausible typo
/// (at most a third of the word's length, and at least 1, apart). Used for "did you mean" hints on config
/// keys, command names and options.
public func closestMatch(to word: String, among candidates: some Sequence<String>) -> String? {
    let limit = max(1, word.count / 3 + 1)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let distance = editDistance(word.lowercased(), candidate.lowercased())
        if distance <= limit, distance < (best?.distance ?? .max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}
