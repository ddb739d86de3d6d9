/// One named verification result: a status and one line a user can act on.
public struct Check: Hashable, Sendable {
    public enum Status: String, Sendable, Comparable {
        case pass, info, warn, fail

        private var rank: Int {
            switch self {
            case .pass: 0
            case .info: 1
            case .warn: 2
            case .fail: 3
            }
        }

        public static func < (lhs: Status, rhs: Status) -> Bool { lhs.rank < rhs.rank }
    }

    public let name: String
    public let status: Status
    public let message: String

    public init(_ name: String, _ status: Status, _ message: String) {
        self.name = name
        self.status = status
        self.message = message
    }
}
