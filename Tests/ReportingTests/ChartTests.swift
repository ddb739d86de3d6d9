import Reporting
import TestSupport
import Testing

@Suite struct ChartTests {
    func unitChart() -> Chart {
        Chart(id: "unit", title: "A <test> & more", x: Axis("x", domain: 0 ... 1), y: Axis("y", domain: 0 ... 1))
    }

    @Test func aKnownPointMapsToItsPixel() throws {
        var chart = unitChart()
        // 640 × 380 with margins 66 left, 18 right, 34 top, 48 bottom: plot area 66…622 × 34…332
        #expect(chart.plotArea == (66, 34, 556, 298))
        #expect(chart.pixel(x: 0.5, y: 0.5) == (344, 183))
        #expect(chart.pixel(x: 0, y: 0) == (66, 332) && chart.pixel(x: 1, y: 1) == (622, 34))
        chart.markers.append(Marker("chosen", x: 0.5, y: 0.5))
        let xml = try #require(XMLCheck.parse(chart.svg()))
        let marker = try #require(xml.all("circle").first { $0["class"] == "marker" })
        #expect(marker["cx"] == "344" && marker["cy"] == "183")
    }

    @Test func ticksGridAndLabelsAreDrawn() throws {
        let xml = try #require(XMLCheck.parse(unitChart().svg()))
        #expect(xml.text.contains("A <test> & more")) // escaped in the markup, restored by the parser
        for label in ["0", "0.2", "0.4", "0.6", "0.8", "1"] { #expect(xml.text.contains(label)) }
        #expect(xml.all("clipPath").first?["id"] == "unit-clip")
        #expect(xml.all("svg").first?["viewBox"] == "0 0 640 380")
        // the 0.4 tick of x sits at 66 + 0.4 × 556 = 288.4
        #expect(xml.all("line").contains { $0["x1"] == "288.4" && $0["x2"] == "288.4" })
    }

    @Test func stepSeriesTurnAtEachPointAndGapsBreakTheLine() throws {
        var chart = unitChart()
        chart.series = [Series("steps", xs: [0, 0.5, 1], ys: [0, 1, 0.5], style: .step),
                        Series("gap", xs: [0, 0.5, 1], ys: [0, .nan, 1], color: ChartColor.orange, dash: .dashed)]
        let xml = try #require(XMLCheck.parse(chart.svg()))
        let paths = xml.all("path").filter { $0["class"] == "series" }
        #expect(paths.first { $0["data-name"] == "steps" }?["d"] == "M66 332 L344 332 L344 34 L622 34 L622 183")
        let gap = try #require(paths.first { $0["data-name"] == "gap" })
        #expect(gap["d"] == "M66 332 M622 34" && gap["stroke-dasharray"] == "7 4")
    }

    @Test func bandsRulesAndLegend() throws {
        var chart = unitChart()
        chart.bands = [Band("95 % bound", xs: [0, 1], lower: [0, 0], upper: [0.5, 1], color: ChartColor.orange)]
        chart.rules = [Rule("target 0.5", .horizontal(0.5)), Rule("cutoff", .vertical(0.25), color: ChartColor.vermillion)]
        chart.series = [Series("", xs: [0, 1], ys: [0, 1])] // unnamed: drawn, not in the legend
        let xml = try #require(XMLCheck.parse(chart.svg()))
        let band = try #require(xml.all("path").first { $0["class"] == "band" })
        #expect(band["d"] == "M66 183 L622 34 L622 332 L66 332 Z")
        let rules = xml.all("line").filter { $0["class"] == "rule" }
        #expect(rules.contains { $0["y1"] == "183" && $0["y2"] == "183" && $0["x1"] == "66" && $0["x2"] == "622" })
        #expect(rules.contains { $0["x1"] == "205" && $0["y1"] == "34" && $0["y2"] == "332" })
        #expect(xml.elements.contains { $0.name == "g" && $0.attributes["class"] == "legend" })
        #expect(xml.text.contains("95 % bound") && xml.text.contains("target 0.5") && xml.text.contains("cutoff"))
        var hidden = chart
        hidden.legend = .hidden
        #expect(!hidden.svg().contains("class=\"legend\""))
    }

    @Test func figureStacksPanelsWithTheirOwnIds() throws {
        var top = unitChart(), bottom = unitChart()
        top.id = "top"
        bottom.id = "bottom"
        bottom.height = 200
        let figure = Figure(id: "both", title: "Two panels", panels: [top, bottom])
        #expect(figure.width == 640 && figure.height == 580)
        #expect(figure.offsets.map(\.y) == [0, 380])
        let xml = try #require(XMLCheck.parse(figure.svg()))
        #expect(xml.all("g").filter { $0["class"] == "panel" }.map { $0["transform"] } == ["translate(0 0)", "translate(0 380)"])
        #expect(Set(xml.all("clipPath").compactMap { $0["id"] }) == ["top-clip", "bottom-clip"])
        let grid = Figure(id: "grid", title: "", panels: [top, bottom, top], columns: 2)
        #expect(grid.width == 1280 && grid.offsets.map(\.x) == [0, 640, 0] && grid.height == 760)
    }
}
