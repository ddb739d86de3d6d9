/// An ESPHome release number, `YEAR.MONTH.PATCH` ("2024.7.0"). Manifests must carry three parts (the
/// 2024.x parser required them); two-part forms ("2026.6") are read too, with patch 0.
public struct ESPHomeVersion: Comparable, Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public let patch: Int

    public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses "2024.7.0" (or "2024.7"); `requirePatch` rejects the two-part form, as manifests should.
    public init?(_ text: String, requirePatch: Bool = false) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 || (!requirePatch && parts.count == 2) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 6, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber), let value = Int(part) else {
                return nil
            }
            numbers.append(value)
        }
        self.init(numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 0)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: ESPHomeVersion, rhs: ESPHomeVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}
