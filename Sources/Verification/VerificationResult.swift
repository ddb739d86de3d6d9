import ESPHome

/// The outcome of `wakesmith verify`: one report per path and, for several, the checks on them together.
public struct VerificationResult: Sendable {
    public let release: ESPHomeVersion
    public let models: [ModelReport]
    public internal(set) var group: [Check] = []

    /// True when every model will load and they fit together.
    public var willLoad: Bool { models.allSatisfy(\.willLoad) && !group.contains { $0.status == .fail } }
}
