import DSP
import Support

/// Reverberates the clip with one of a set of room impulse responses (the reference's
/// `ApplyImpulseResponseFromArrays`). Each response is cut to start at its strongest tap (the direct
/// path), so reverb never delays the word and positives keep their word-end position; the output keeps
/// the input's length and peak level, so gain and SNR settings keep their meaning.
public struct ApplyImpulseResponse: Augmentation {
    public static let name = "ApplyImpulseResponse"
    public var probability: Double
    /// The responses, aligned to their direct path and scaled to unit peak (empty ones are left out).
    public let responses: [[Float]]

    public init(probability: Double, responses: [[Float]]) {
        self.probability = probability
        self.responses = responses.map(Self.aligned).filter { !$0.isEmpty }
    }

    /// A response starting at its strongest tap, with unit peak.
    public static func aligned(_ response: [Float]) -> [Float] {
        guard let peak = response.indices.max(by: { abs(response[$0]) < abs(response[$1]) }) else { return [] }
        let tail = Array(response[peak...])
        let top = abs(tail[0])
        return top > 0 ? tail.map { $0 / top } : tail
    }

    public struct Parameters: Sendable, Equatable {
        public var response: Int
        public init(response: Int) { self.response = response }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(response: generator.integer(in: 0 ..< max(1, responses.count)))
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace: AugmentationWorkspace) {
        guard responses.indices.contains(parameters.response), !clip.isEmpty else { return }
        let convolver = workspace.convolver(key: parameters.response) { responses[parameters.response] }
        let wet = convolver.convolve(clip)
        let peakIn = clip.reduce(0) { max($0, abs($1)) }, peakOut = wet.reduce(0) { max($0, abs($1)) }
        guard peakOut > 0 else { return }
        let scale = peakIn / peakOut
        clip = wet.map { $0 * scale }
    }
}
