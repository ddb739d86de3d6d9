import Support

/// What the user asked of `wakesmith synth`, from flags or the config's `synth` section: a size and the
/// values that override it (nil = the size's).
public struct SynthSettings: Sendable, Equatable {
    /// `demo` or `benchmark`.
    public var size = SynthSize.demo.name
    /// TTS engines to use; nil = the size's list, of which missing ones are skipped. Named engines must be
    /// installed.
    public var engines: [String]? = nil
    public var positives: Int? = nil
    public var negatives: Int? = nil
    public var backgroundMinutes: Double? = nil
    public var rirs: Int? = nil
    /// `none`, `lite` or `full`; nil = the size's.
    public var fetchSet: String? = nil
    public var realRIRs: Bool? = nil
    public var seed: UInt64 = 0
    /// Worker threads; 0 = one per core.
    public var workers = 0
    /// The word list for dictionary near misses; nil = none (spelling edits only).
    public var wordList: String? = PhonemeLexicon.defaultWordList

    public init() {}

    /// The size with every override applied.
    public func resolvedSize() throws(SynthError) -> SynthSize {
        var size = try SynthSize.named(self.size)
        if let engines {
            var unique: [String] = []
            for name in engines.map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty && !unique.contains(name) {
                unique.append(name)
            }
            guard !unique.isEmpty else { throw SynthError("no TTS engine given; use e.g. --engine espeak") }
            size.engines = unique
        }
        if let positives { size.positives = positives }
        if let negatives { size.negatives = negatives }
        if let backgroundMinutes { size.backgroundMinutes = backgroundMinutes }
        if let rirs { size.rirs = rirs }
        if let realRIRs { size.realRIRs = realRIRs }
        if let fetchSet {
            if fetchSet == "none" {
                size.fetchSet = nil
            } else if let set = FetchSet(rawValue: fetchSet) {
                size.fetchSet = set
            } else {
                throw SynthError("unknown fetch set '\(fetchSet)'; use one of: none, lite, full")
            }
        }
        return size
    }
}
