import Foundation

/// `path` made absolute against `base` when relative, with `.`/`..` removed and symbolic links followed as
/// far as the path exists: what Python's `(base / path).resolve()` gives, so both implementations print the
/// same paths. Absolute paths are kept as written, as the Python loader keeps them.
public func resolvedPath(_ path: String, base: String) -> String {
    if path.hasPrefix("/") { return path }
    return realPath(base.hasSuffix("/") ? base + path : base + "/" + path)
}

/// The absolute path with every existing symbolic link followed and `.`/`..` applied (posix `realpath`
/// semantics that carry on past components that do not exist yet).
public func realPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var resolved = ""
    var pending = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    pending.reverse()
    var linksFollowed = 0
    while let component = pending.popLast() {
        if component == "." { continue }
        if component == ".." {
            if let slash = resolved.lastIndex(of: "/") { resolved = String(resolved[..<slash]) }
            continue
        }
        let candidate = resolved + "/" + component
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate), linksFollowed < 40 {
            linksFollowed += 1
            if target.hasPrefix("/") { resolved = "" }
            pending.append(contentsOf: target.split(separator: "/", omittingEmptySubsequences: true).map(String.init).reversed())
        } else {
            resolved = candidate
        }
    }
    return resolved.isEmpty ? "/" : resolved
}
