/// One feature set as training uses it (SPEC §4): a folder with `training/`, `validation/`, `testing/` (and
/// for long background audio `validation_ambient/`, `testing_ambient/`) RaggedMmap stores, and how batches
/// draw from it.
public struct FeatureSetDescription: Sendable, Equatable {
    /// Name in logs.
    public var name: String
    /// The set's folder (holding the split folders).
    public var folder: String
    /// Relative chance that a batch item comes from this set.
    public var samplingWeight: Double
    /// Loss weight of this set's examples.
    public var penaltyWeight: Double
    /// Whether the set holds the wake word.
    public var truth: Bool
    /// How spectrograms are cut to the model's window.
    public var truncation: TruncationStrategy

    public init(name: String, folder: String, samplingWeight: Double, penaltyWeight: Double = 1, truth: Bool,
                truncation: TruncationStrategy)
    {
        self.name = name
        self.folder = folder
        self.samplingWeight = samplingWeight
        self.penaltyWeight = penaltyWeight
        self.truth = truth
        self.truncation = truncation
    }

    /// The RaggedMmap folders of one split (`training`, `validation`, …), sorted by name: every folder whose
    /// name ends in `_mmap`, as microWakeWord globs them.
    public func storeFolders(split: String) -> [String] {
        FeatureStoreLayout.mmapFolders(in: folder + "/" + split)
    }
}
