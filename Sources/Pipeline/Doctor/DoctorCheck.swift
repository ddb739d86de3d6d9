/// One line of `wakesmith doctor`: what was checked, what was found, and how to fix it when it is not right.
public struct DoctorCheck: Equatable, Sendable {
    /// Fine, missing but only needed for some commands, or missing and needed.
    public enum Status: Equatable, Sendable {
        case ok
        case optionalMissing
        case failed
    }

    public let name: String
    public let status: Status
    public let found: String
    /// What to run or change; empty when there is nothing to do.
    public let fix: String

    public init(_ name: String, _ status: Status, found: String, fix: String = "") {
        self.name = name
        self.status = status
        self.found = found
        self.fix = fix
    }

    /// A required check: ok when `passed`, else failed with `fix`.
    public static func required(_ name: String, passed: Bool, found: String, fix: String) -> DoctorCheck {
        DoctorCheck(name, passed ? .ok : .failed, found: found, fix: passed ? "" : fix)
    }

    /// An optional check: ok when `passed`, else noted with `fix`.
    public static func optional(_ name: String, passed: Bool, found: String, fix: String) -> DoctorCheck {
        DoctorCheck(name, passed ? .ok : .optionalMissing, found: found, fix: passed ? "" : fix)
    }
}
