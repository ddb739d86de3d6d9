import Foundation
import Support

/// Where the firmware harness (`firmware-harness/`: the ESPHome component and the configuration template)
/// is at run time: `$WAKESMITH_FIRMWARE_HARNESS`, else beside the checkout the executable was built in
/// (`<checkout>/.build/release/wakesmith`), else under the current folder.
public enum HarnessFiles {
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var candidates: [URL] = []
        if let path = environment["WAKESMITH_FIRMWARE_HARNESS"] { candidates.append(URL(fileURLWithPath: path)) }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0 ..< 5 {
            candidates.append(folder.appendingPathComponent("firmware-harness"))
            folder.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("firmware-harness"))
        for candidate in candidates where isHarness(candidate) { return candidate.standardizedFileURL }
        throw Failure("cannot find the firmware harness (firmware-harness/ of the wakesmith checkout)",
                      hint: "set WAKESMITH_FIRMWARE_HARNESS to its folder")
    }

    static func isHarness(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("harness.yaml.template").path)
            && FileManager.default.fileExists(atPath: folder.appendingPathComponent("components/wakesmith_harness/__init__.py").path)
    }

    /// The component's files (the C++ and Python ESPHome compiles), by name.
    static func componentFiles(in harness: URL) throws -> [URL] {
        let folder = harness.appendingPathComponent("components/wakesmith_harness")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw Failure("cannot read \(folder.path)")
        }
        return names.filter { name in [".py", ".h", ".cpp"].contains { name.hasSuffix($0) } }.sorted()
            .map { folder.appendingPathComponent($0) }
    }
}
