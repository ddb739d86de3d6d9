/// A version 2 model manifest: what ESPHome 2024.7+ reads and `wakesmith export` writes (SPEC §3). The
/// schema is closed: ESPHome rejects the whole device configuration for one extra key, anywhere.
public struct Manifest: Hashable, Sendable {
    public var wakeWord: String
    public var author: String
    /// Optional; when present an http(s) URL.
    public var website: String?
    /// The .tflite file, relative to the manifest (or a URL).
    public var model: String
    public var trainedLanguages: [String]
    public var micro: MicroSettings

    public init(wakeWord: String, author: String, website: String? = nil, model: String, trainedLanguages: [String],
                micro: MicroSettings)
    {
        self.wakeWord = wakeWord
        self.author = author
        self.website = website
        self.model = model
        self.trainedLanguages = trainedLanguages
        self.micro = micro
    }

    /// The `micro` block: exactly these five keys.
    public struct MicroSettings: Hashable, Sendable {
        public var probabilityCutoff: Double
        /// Milliseconds between feature frames (0–30; 10 for every current model).
        public var featureStepSize: Int
        public var slidingWindowSize: Int
        public var tensorArenaSize: Int
        /// "MAJOR.MINOR.PATCH", compared with the ESPHome compiling the firmware.
        public var minimumESPHomeVersion: String

        public init(probabilityCutoff: Double, featureStepSize: Int, slidingWindowSize: Int, tensorArenaSize: Int,
                    minimumESPHomeVersion: String)
        {
            self.probabilityCutoff = probabilityCutoff
            self.featureStepSize = featureStepSize
            self.slidingWindowSize = slidingWindowSize
            self.tensorArenaSize = tensorArenaSize
            self.minimumESPHomeVersion = minimumESPHomeVersion
        }

        /// The cutoff as the firmware stores it (2025.5+): `int(cutoff × 255)`, truncated.
        public var quantizedCutoff: Int { ProbabilityCutoff.quantized(probabilityCutoff) }
    }

    /// The wake word `vad` makes a model ESPHome's voice-activity model.
    public var isVAD: Bool { wakeWord == "vad" }
}

/// A version 1 manifest (ESPHome before 2024.7): read for verification, never written.
public struct LegacyManifest: Hashable, Sendable {
    public var wakeWord: String
    public var author: String
    public var website: String?
    public var model: String
    public var probabilityCutoff: Double
    public var slidingWindowAverageSize: Int
    public var minimumESPHomeVersion: String?

    /// What ESPHome 2024.7+ turns it into: arena 45672 bytes, 20 ms steps, languages ["en"].
    public var converted: Manifest {
        Manifest(wakeWord: wakeWord, author: author, website: website, model: model, trainedLanguages: ["en"],
                 micro: .init(probabilityCutoff: probabilityCutoff, featureStepSize: ManifestSchema.v1ConvertedStepSize,
                              slidingWindowSize: slidingWindowAverageSize, tensorArenaSize: ManifestSchema.v1ConvertedArenaSize,
                              minimumESPHomeVersion: minimumESPHomeVersion ?? "2024.2.0"))
    }
}

/// A manifest of either version.
public enum AnyManifest: Hashable, Sendable {
    case v2(Manifest)
    case v1(LegacyManifest)

    public var version: Int {
        switch self {
        case .v2: 2
        case .v1: 1
        }
    }

    public var model: String {
        switch self {
        case let .v2(manifest): manifest.model
        case let .v1(manifest): manifest.model
        }
    }

    public var wakeWord: String {
        switch self {
        case let .v2(manifest): manifest.wakeWord
        case let .v1(manifest): manifest.wakeWord
        }
    }

    /// The settings the firmware uses (V1 converted as ESPHome 2024.7+ does).
    public var effective: Manifest {
        switch self {
        case let .v2(manifest): manifest
        case let .v1(manifest): manifest.converted
        }
    }
}
