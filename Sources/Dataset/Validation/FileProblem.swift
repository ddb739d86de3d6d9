/// One thing wrong with a dataset file, in the words `wakesmith validate` prints. `isFixable` problems
/// (sample rate, sample format, channels) go away with a converted copy (`validate --fix`).
public struct FileProblem: Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let isFixable: Bool

    public init(_ message: String, fixable: Bool = false) {
        self.message = message
        isFixable = fixable
    }

    public var description: String { message }
}
