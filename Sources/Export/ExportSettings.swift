import Config

/// What an export needs from the configuration (`export:`, `wake_word:` and where features live).
public struct ExportSettings: Sendable, Equatable {
    public var outputDirectory: String
    public var modelName: String
    /// Strides of training features that calibrate the int8 ranges.
    public var representativeSteps: Int
    public var arenaMargin: Double
    public var slidingWindowSize: Int
    public var probabilityCutoff: Double
    /// Test clips of the float-versus-int8 agreement (nil: all; 0: skip).
    public var agreementClips: Int?
    public var wakeWord: String
    public var author: String
    public var website: String?
    public var languages: [String]
    /// `features.work_dir`: the feature stores' folder.
    public var workDirectory: String
    public var seed: UInt64
    /// How the float-versus-int8 recall comparison scores the test split (`evaluation:`: target rate,
    /// cool-down, clip start suppression; the manifest's sliding window). Its stride is the model's.
    public var targetFalseAcceptsPerHour = 0.5
    public var cooldownSteps = 75
    public var clipIgnoreFrames = 100
    /// Whether to compare float and int8 recall at the target rate on the whole test split.
    public var comparesRecall = true

    public init(outputDirectory: String, modelName: String, representativeSteps: Int = 500, arenaMargin: Double = 0.10,
                slidingWindowSize: Int = 5, probabilityCutoff: Double = 0.5, agreementClips: Int? = 2000,
                wakeWord: String, author: String, website: String? = nil, languages: [String] = ["en"],
                workDirectory: String, seed: UInt64 = 42)
    {
        self.outputDirectory = outputDirectory
        self.modelName = modelName
        self.representativeSteps = representativeSteps
        self.arenaMargin = arenaMargin
        self.slidingWindowSize = slidingWindowSize
        self.probabilityCutoff = probabilityCutoff
        self.agreementClips = agreementClips
        self.wakeWord = wakeWord
        self.author = author
        self.website = website
        self.languages = languages
        self.workDirectory = workDirectory
        self.seed = seed
    }

    public init(_ config: WakesmithConfig) {
        self.init(outputDirectory: config.export.outputDirectory, modelName: config.export.modelName,
                  representativeSteps: config.export.representativeSamples, arenaMargin: config.export.arenaMargin,
                  slidingWindowSize: config.export.slidingWindowSize, probabilityCutoff: config.export.probabilityCutoff,
                  agreementClips: config.export.agreementMaxClips, wakeWord: Self.displayName(config.wakeWord.phrase),
                  author: config.wakeWord.author, website: config.wakeWord.website, languages: config.wakeWord.languages,
                  workDirectory: config.features.workDirectory, seed: UInt64(truncatingIfNeeded: config.features.seed))
        targetFalseAcceptsPerHour = config.evaluation.targetFalseAcceptsPerHour
        cooldownSteps = config.evaluation.cooldownSteps
        clipIgnoreFrames = config.evaluation.clipIgnoreFrames
    }

    /// "hey jarvis" → "Hey Jarvis", the official manifests' style (other capitals are kept).
    public static func displayName(_ phrase: String) -> String {
        phrase.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
