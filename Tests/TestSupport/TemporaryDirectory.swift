import Foundation

/// A fresh folder for one test, removed when the value is released (set `WAKESMITH_KEEP_TEMP=1` to keep it).
public final class TemporaryDirectory {
    public let url: URL
    public var path: String { url.path }

    public init(_ label: String = "test") {
        let name = "wakesmith-\(label)-\(UUID().uuidString.prefix(8))"
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func appending(_ component: String) -> URL { url.appendingPathComponent(component) }

    deinit {
        if ProcessInfo.processInfo.environment["WAKESMITH_KEEP_TEMP"] != "1" {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
