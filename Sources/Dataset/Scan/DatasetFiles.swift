import Foundation

/// The files under one kind's folder, in the order Python's `os.walk` with sorted names visits them (a
/// folder's files, then each sub-folder), hidden files and folders left out. Unlike `os.walk`, folders that
/// are symbolic links are followed (a corpus linked into `background/` is scanned, not silently skipped).
struct DatasetFiles {
    /// Audio files (`.wav`, `.flac`, any case) and everything else, as paths relative to the dataset root.
    var audio: [String] = []
    var other: [String] = []

    /// Folders nest at most this deep (a link loop ends here instead of running forever).
    static let maximumDepth = 32

    init(root: String, kind: SampleKind) {
        walk(root: root, relative: kind.rawValue, depth: 0)
    }

    private mutating func walk(root: String, relative: String, depth: Int) {
        guard depth <= Self.maximumDepth else { return }
        let folder = root + "/" + relative
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        var files: [String] = []
        var folders: [String] = []
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isDirectory) else {
                files.append(name)  // a dangling link: reported as unreadable, not skipped
                continue
            }
            if isDirectory.boolValue { folders.append(name) } else { files.append(name) }
        }
        for name in files.sorted(by: Self.codePointOrder) {
            let path = relative + "/" + name
            let lower = name.lowercased()
            if DatasetLayout.audioSuffixes.contains(where: { lower.hasSuffix($0) }) { audio.append(path) } else { other.append(path) }
        }
        for name in folders.sorted(by: Self.codePointOrder) {
            walk(root: root, relative: relative + "/" + name, depth: depth + 1)
        }
    }

    /// Python's string order (by code point, which UTF-8 byte order equals).
    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
