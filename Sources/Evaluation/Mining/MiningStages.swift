import Features

/// What mining rounds need from the stages around evaluation: exporting weights to the int8 streaming model,
/// fine-tuning with the hard negatives, and the training's own rule for which of two evaluations is better.
/// The command line provides them from `Export` and `Training` (evaluation does not import the trainer).
public protocol MiningStages {
    /// Frames of one training window (the model's receptive field): the length of a stored hard negative.
    var windowFrames: Int { get }
    /// The negative feature sets to mine: their training stores, by name (the hard-negative set excluded).
    func negativeSets() throws -> [(name: String, clips: any SpectrogramSource)]
    /// The metrics the current weights were kept for (`best_metrics.json`), when known.
    func metrics(ofWeights path: String) -> [String: Double]?
    /// The int8 streaming model of `weights`, exported for round `round`, as a factory of instances (one per
    /// worker): the exported model in the emulator (`EmulatedStreamingModel`).
    func streamingModel(weights: String, round: Int) throws -> @Sendable () throws -> any StreamingModel
    /// Fine-tunes from `weights` with the hard-negative set added; the kept weights and their metrics.
    func fineTune(round: Int, from weights: String, hardNegatives: FeatureSetDescription) throws -> (weights: String, metrics: [String: Double])?
    /// Whether `candidate` beats `incumbent` by the training's two-priority checkpoint rule.
    func isBetter(_ candidate: [String: Double], than incumbent: [String: Double]?) -> Bool
}
