import Foundation
import Reporting
import TestSupport
import Testing

@Suite struct HTMLTests {
    @Test func escapingAndIdentifiers() {
        #expect(HTMLText.escape("a < b & c > d") == "a &lt; b &amp; c &gt; d")
        #expect(HTMLText.attribute("say \"hi\"") == "say &quot;hi&quot;")
        #expect(HTMLText.identifier("Device test (ESP32)") == "device-test--esp32-")
        #expect(HTMLText.identifier("2024") == "s-2024")
    }

    @Test func pageIsSelfContainedWithANavigationEntryPerSection() {
        let table = HTMLTable(headers: ["op", "count"], rows: [["CONV_2D", "5"], ["<odd>", "1"]], numeric: [1])
        let page = HTMLPage(title: "Report", lead: "recall 90.0 % at 0.5 false accepts/hour (cutoff 0.80)",
                            sections: [ReportSection(id: "ops", title: "Ops & arena", body: table.html)])
        let html = page.html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<a href=\"#ops\">Ops &amp; arena</a>"))
        #expect(html.contains("<section id=\"ops\">") && html.contains("<td class=\"num\">5</td>"))
        #expect(html.contains("&lt;odd&gt;"))
        #expect(!html.lowercased().contains("<script") && !html.contains("<link") && !html.contains("src=\"http"))
    }

    @Test func sectionsRoundTripThroughTheirFolder() throws {
        let folder = TemporaryDirectory("sections")
        let path = folder.url.appendingPathComponent(ReportSection.folderName).path
        #expect(try ReportSection.read(folder: path).isEmpty) // no folder yet: no sections
        let device = ReportSection(id: "device", title: "On the device", body: "<p>42 of 42 outputs identical</p>")
        try device.write(toFolder: path)
        try ReportSection(id: "aaa", title: "First", body: "<p>first</p>").write(toFolder: path)
        #expect(try ReportSection.read(folder: path) == [ReportSection(id: "aaa", title: "First", body: "<p>first</p>"), device])
        try ReportSection(id: "bad", title: "Bad", body: "<SCRIPT>alert(1)</SCRIPT>").write(toFolder: path)
        #expect(throws: ReportSectionError.self) { try ReportSection.read(folder: path) }
    }
}
