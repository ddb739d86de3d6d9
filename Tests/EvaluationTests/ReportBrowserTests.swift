import Evaluation
import Foundation
import Reporting
import TestSupport
import Testing

/// Headless Chromium, installed from Debian's `chromium` package when it is missing and the test may install
/// packages (running as root, or with passwordless sudo).
enum HeadlessChromium {
    static let path: String? = locate() ?? (install() ? locate() : nil)

    static func locate() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func install() -> Bool {
        let command = getuid() == 0 ? ["/usr/bin/apt-get"] : ["/usr/bin/sudo", "-n", "/usr/bin/apt-get"]
        guard FileManager.default.isExecutableFile(atPath: command[0]) else { return false }
        let result = try? runProcess(command[0], Array(command.dropFirst()) + ["install", "-y", "--no-install-recommends", "chromium"],
                                     environment: ["DEBIAN_FRONTEND": "noninteractive"])
        return result?.status == 0
    }
}

@Suite struct ReportBrowserTests {
    /// Renders a report of a plausible model in a real browser and looks at the screenshot. The files stay in
    /// `.build/report-browser-check/` for a human to open.
    @Test(.enabled(if: slowTestsEnabled, "slow test: set WAKESMITH_SLOW_TESTS=1"),
          .enabled("Chromium is not installed and `apt-get install chromium` is not possible here") {
              !slowTestsEnabled || HeadlessChromium.path != nil
          })
    func reportRendersInChromium() throws {
        let chromium = try #require(HeadlessChromium.path)
        let folder = Repository.root.appendingPathComponent(".build/report-browser-check")
        try? FileManager.default.removeItem(at: folder)
        let result = try EvaluationResult(measurements: SyntheticProject.measurements(),
                                          settings: EvaluationSettings(slidingWindow: 5))
        let log = TrainingLog(jsonLines: (0 ... 10).map { step in
            "{\"step\": \(step * 500), \"train\": {\"loss\": \(1.0 / Double(step + 2))}, "
                + "\"validation\": {\"recall\": \(0.5 + Double(step) * 0.04), \"ambient_false_accepts_per_hour\": \(20.0 / Double(step + 1))}}"
        }.joined(separator: "\n"))
        let report = EvaluationReport(result: result, modelName: "synthetic", measuredWith: "synthetic outputs in a test",
                                      trainingLog: log)
        try report.write(toFolder: folder.path)
        let screenshot = folder.appendingPathComponent("screenshot.png")
        let (width, height) = (1280, 5200)
        let run = try runProcess(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                            "--force-device-scale-factor=1", "--window-size=\(width),\(height)",
                                            "--screenshot=\(screenshot.path)",
                                            folder.appendingPathComponent("report.html").absoluteString])
        #expect(run.status == 0, "chromium: \(run.standardError.suffix(600))")
        let image = try PNGImage(data: Data(contentsOf: screenshot))
        #expect(image.width == width && image.height == height)

        func share(rows: Range<Int>, near colour: (Int, Int, Int), tolerance: Int = 24) -> Double {
            var hits = 0, total = 0
            for y in rows where y < image.height {
                for x in Swift.stride(from: 0, to: image.width, by: 2) {
                    let p = image.pixel(x: x, y: y)
                    total += 1
                    if abs(Int(p.r) - colour.0) + abs(Int(p.g) - colour.1) + abs(Int(p.b) - colour.2) <= tolerance { hits += 1 }
                }
            }
            return total == 0 ? 0 : Double(hits) / Double(total)
        }
        // the header band is the accent colour #0b3d5c across the page's width, the page below it mostly white
        #expect(share(rows: 5 ..< 15, near: (0x0B, 0x3D, 0x5C)) > 0.9)
        #expect(share(rows: 200 ..< height, near: (255, 255, 255)) > 0.6)
        // the plots were drawn: the ROC's and curves' blue, the raw outputs' orange, the chosen cutoff's vermillion
        let all = 0 ..< height
        #expect(share(rows: all, near: (0x00, 0x72, 0xB2)) > 0.001)
        #expect(share(rows: all, near: (0xE6, 0x9F, 0x00)) > 0.00003)
        #expect(share(rows: all, near: (0xD5, 0x5E, 0x00)) > 0.0001)
        print("report and screenshot: \(folder.path)")
    }
}
