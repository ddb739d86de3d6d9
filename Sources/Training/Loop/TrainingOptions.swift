/// How one training run goes: the model, the schedule, evaluation and checkpoints, where results go.
public struct TrainingOptions: Sendable {
    public var architecture: MixedNetArchitecture
    public var batchSize: Int
    public var schedule: TrainingSchedule
    /// Evaluate on validation (and validation ambient) every N steps.
    public var evaluateEvery: Int
    /// Save resumable state every N steps.
    public var checkpointEvery: Int
    /// Seed of initialisation and batch sampling.
    public var seed: UInt64
    /// Checkpoints, metrics.jsonl, TensorBoard events, best and last weights.
    public var runDirectory: String
    /// Which evaluation's weights to keep (with ambient validation audio).
    public var checkpointRule: CheckpointRule
    /// Inferences after a false accept during which no other counts (FAH).
    public var cooldownSteps: Int
    /// Stop at this global step as an interruption would (checkpoint, no final weights past it); nil: run all.
    public var stopAtStep: Int?
    /// Weights to start from instead of a fresh initialisation (fine-tuning, mining rounds).
    public var initialWeights: String?
    /// Draw a progress bar on standard error.
    public var showsProgress: Bool

    public init(architecture: MixedNetArchitecture = .default, batchSize: Int = 128, schedule: TrainingSchedule,
                evaluateEvery: Int = 500, checkpointEvery: Int = 500, seed: UInt64 = 42, runDirectory: String,
                checkpointRule: CheckpointRule = CheckpointRule(), cooldownSteps: Int = 75, stopAtStep: Int? = nil,
                initialWeights: String? = nil, showsProgress: Bool = true)
    {
        self.architecture = architecture
        self.batchSize = batchSize
        self.schedule = schedule
        self.evaluateEvery = evaluateEvery
        self.checkpointEvery = checkpointEvery
        self.seed = seed
        self.runDirectory = runDirectory
        self.checkpointRule = checkpointRule
        self.cooldownSteps = cooldownSteps
        self.stopAtStep = stopAtStep
        self.initialWeights = initialWeights
        self.showsProgress = showsProgress
    }
}

/// What a run produced.
public struct TrainingResult: Sendable {
    public var runDirectory: String
    /// `<run_dir>/best.weights`, when an evaluation was kept.
    public var bestWeightsPath: String?
    /// `<run_dir>/last.weights` (written when the schedule completes).
    public var lastWeightsPath: String?
    /// The kept evaluation.
    public var best: EvaluationRecord?
    /// The step training stopped at.
    public var finalStep: Int
    /// Time per part of a step (this process only).
    public var timings: StepTimings
    /// Seconds spent evaluating and writing checkpoints.
    public var evaluationSeconds: Double
    public var checkpointSeconds: Double
    public var totalSeconds: Double
}
