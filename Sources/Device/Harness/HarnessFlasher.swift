import Foundation
import Support

/// `device flash`: puts the harness with the chosen models on a device. A real board: write the project,
/// build and upload it with ESPHome, then check the device answers with those models and that release. A
/// virtual device (`device simulate`): load the manifests into it.
public struct HarnessFlasher {
    public var port: String
    public var manifests: [URL]
    /// The ESPHome release to build with; nil is the installed one.
    public var release: String?

    public init(port: String, manifests: [URL], release: String?) {
        self.port = port
        self.manifests = manifests
        self.release = release
    }

    /// Whether `port` is a virtual device's link (a pseudo-terminal).
    public var isVirtual: Bool {
        let resolved = URL(fileURLWithPath: port).resolvingSymlinksInPath().path
        return resolved.hasPrefix("/dev/pts/")
    }

    /// The board to build for: `$WAKESMITH_HARNESS_BOARD`, else what esptool says the chip is. Nil (with the
    /// reason) when neither tells.
    public func board(detect: Bool) -> (board: HarnessBoard?, how: String) {
        if let name = ProcessInfo.processInfo.environment["WAKESMITH_HARNESS_BOARD"] {
            return (HarnessBoard(rawValue: name), "WAKESMITH_HARNESS_BOARD=\(name)")
        }
        guard detect, let tool = ESPHomeTool.installed(release: release) else { return (nil, "not detected") }
        let esptool = tool.executable.deletingLastPathComponent().appendingPathComponent("esptool").path
        guard let result = try? ProcessRunner.run(esptool, ["--port", port, "chip-id"], timeout: 60) else { return (nil, "esptool did not run") }
        let text = result.output + result.error
        for line in text.split(separator: "\n") where line.contains("Chip") {
            if let board = HarnessBoard.fromChipDescription(String(line)) { return (board, "esptool: \(line.trimmingCharacters(in: .whitespaces))") }
        }
        return (nil, "esptool could not tell (\(text.split(separator: "\n").last ?? "no output"))")
    }

    /// Where the project for this board, release and set of models lives (ESPHome keeps its build cache there,
    /// so flashing the same models again is quick).
    public func projectFolder(board: HarnessBoard, release: String, models: [HarnessModel]) -> URL {
        let key = HarnessModel.hash(of: Array((models.map(\.hash) + [board.rawValue, release]).joined(separator: ",").utf8))
        return ESPHomeTool.cacheFolder.appendingPathComponent("harness/\(board.rawValue)-\(release)-\(key.prefix(8))")
    }

    /// The release to build with, checked against the harness's minimum.
    public func checkedRelease() throws -> String {
        let chosen = release ?? ESPHomeTool.installed()?.release ?? FirmwareHarness.newestCheckedESPHome
        guard ESPHomeVersionOrder.compare(chosen, FirmwareHarness.minimumESPHome) >= 0 else {
            throw Failure("the harness needs ESPHome \(FirmwareHarness.minimumESPHome) or later, not \(chosen)",
                          hint: "earlier releases feed two uninitialised feature rows after each start, so no host can predict their outputs")
        }
        return chosen
    }
}

/// Comparing release strings ("2026.6.0" < "2026.10.0").
enum ESPHomeVersionOrder {
    static func compare(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        let right = b.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 }
        for index in 0 ..< max(left.count, right.count) {
            let (x, y) = (index < left.count ? left[index] : 0, index < right.count ? right[index] : 0)
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}
