import Foundation

/// Where things are when tests run: the package root, the shared facts folder beside it, the Python
/// oracles' interpreter.
public enum Repository {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The shared facts folder: `$WAKESMITH_SHARED`, else `../shared` beside the checkout (as CI lays it out).
    public static var shared: URL? {
        if let path = ProcessInfo.processInfo.environment["WAKESMITH_SHARED"] {
            return URL(fileURLWithPath: path)
        }
        let candidate = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// The official models (`shared/reference-models`), or nil when the shared folder is absent.
    public static var referenceModels: URL? {
        shared.map { $0.appendingPathComponent("reference-models") }
    }

    /// A fixture committed under `Tests/<target>/Fixtures/`.
    public static func fixture(_ target: String, _ name: String) -> URL {
        root.appendingPathComponent("Tests/\(target)/Fixtures/\(name)")
    }
}

/// Whether the slow tests run: set `WAKESMITH_SLOW_TESTS=1` (they are off in the default suite).
public let slowTestsEnabled = ProcessInfo.processInfo.environment["WAKESMITH_SLOW_TESTS"] == "1"
