/// Shell-style patterns on paths inside a package, as the catalog writes them: `*` matches any run of
/// characters including `/`, `?` one character, everything else itself.
public struct PathPattern: Sendable, Equatable {
    public let text: String
    private let characters: [Character]

    public init(_ text: String) {
        self.text = text
        characters = Array(text)
    }

    public func matches(_ path: String) -> Bool {
        let subject = Array(path)
        // Greedy matching with one backtrack point (the last `*`), linear for patterns like these.
        var p = 0, s = 0
        var star: Int?, resume = 0
        while s < subject.count {
            if p < characters.count, characters[p] == "?" || characters[p] == subject[s] {
                p += 1
                s += 1
            } else if p < characters.count, characters[p] == "*" {
                star = p
                resume = s
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                s = resume
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }

    /// The folder part before the first `*` ("usr/share/kajongg/voices/*.ogg" → "usr/share/kajongg/voices").
    public var fixedFolder: String {
        let head = text.split(separator: "*", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let slash = head.lastIndex(of: "/") else { return "" }
        return String(head[..<slash])
    }
}
