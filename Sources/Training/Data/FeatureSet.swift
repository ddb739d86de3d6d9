import Features
/// One feature set as training uses it (SPEC §4): its stores per split and how its examples are drawn,
/// labelled and weighted. The feature stores provide the collections; the configuration the settings.
public struct FeatureSet {
    public var name: String
    /// Wake word examples (label 1) or not (label 0).
    public var truth: Bool
    /// Relative chance that a batch item comes from this set.
    public var samplingWeight: Double
    /// Loss weight of this set's examples (times the phase's class weight).
    public var penaltyWeight: Double
    public var truncation: TruncationStrategy
    public var training: (any SpectrogramCollection)?
    public var validation: (any SpectrogramCollection)?
    /// Long background audio for false accepts per hour (used for negative sets only).
    public var validationAmbient: (any SpectrogramCollection)?

    public init(name: String, truth: Bool, samplingWeight: Double = 1, penaltyWeight: Double = 1,
                truncation: TruncationStrategy = .random, training: (any SpectrogramCollection)? = nil,
                validation: (any SpectrogramCollection)? = nil, validationAmbient: (any SpectrogramCollection)? = nil)
    {
        self.name = name
        self.truth = truth
        self.samplingWeight = samplingWeight
        self.penaltyWeight = penaltyWeight
        self.truncation = truncation
        self.training = training
        self.validation = validation
        self.validationAmbient = validationAmbient
    }
}
