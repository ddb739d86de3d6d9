import Foundation

/// A two-axis chart drawn as SVG: title, axes with ticks and labels, grid, uncertainty bands, series, reference
/// lines, highlighted points and a legend. Everything is computed here; no script runs in the page.
///
///     var chart = Chart(id: "roc", title: "ROC", x: Axis("FAH", domain: 0 ... 10), y: .percent("FRR"))
///     chart.series.append(Series("model", xs: fah, ys: frr))
///     let svg = chart.svg()
public struct Chart: Sendable {
    /// Prefix of the ids inside the SVG; unique within a page, since inline SVGs share the page's ids.
    public var id: String
    public var title: String
    public var x: Axis
    public var y: Axis
    public var width: Double = 640
    public var height: Double = 380
    public var series: [Series] = []
    public var bands: [Band] = []
    public var rules: [Rule] = []
    public var markers: [Marker] = []
    public var legend: LegendPlacement = .topRight
    /// Text shown across the plot area (for example when there is nothing to plot).
    public var note: String?

    /// Space around the plot area for the title, tick labels and axis labels.
    public static let margin = (top: 34.0, right: 18.0, bottom: 48.0, left: 66.0)

    public init(id: String, title: String, x: Axis, y: Axis) {
        self.id = HTMLText.identifier(id)
        self.title = title
        self.x = x
        self.y = y
    }

    /// The plot area inside the chart (pixels from the chart's top left corner).
    public var plotArea: (x: Double, y: Double, width: Double, height: Double) {
        let margin = Self.margin
        let column = legend == .outsideRight ? legendColumnWidth : 0
        return (margin.left, margin.top, max(width - margin.left - margin.right - column, 1),
                max(height - margin.top - margin.bottom, 1))
    }

    /// Puts the legend in a column right of the plot area and widens the chart by that column, so the plot
    /// area keeps its size and no data hides behind the legend. Call it once the chart's contents are set.
    public mutating func moveLegendOutside() {
        guard legend != .outsideRight else { return }
        legend = .outsideRight
        width += legendColumnWidth
    }

    /// The pixel of a data point (from the chart's top left corner; y grows downwards).
    public func pixel(x value: Double, y other: Double) -> (x: Double, y: Double) {
        let area = plotArea
        return (area.x + x.fraction(of: value) * area.width, area.y + area.height - y.fraction(of: other) * area.height)
    }

    /// The chart as a standalone `<svg>` element.
    public func svg() -> String {
        var writer = SVGWriter()
        writer.document(id: id, className: "chart", width: width, height: height) { svg in
            draw(into: &svg)
        }
        return writer.markup
    }

    /// Draws the chart's content at the origin (a `Figure` translates it into place).
    public func draw(into svg: inout SVGWriter) {
        let area = plotArea
        svg.element("title", [("id", "\(id)-title")], text: title)
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", SVGWriter.number(width)),
                             ("height", SVGWriter.number(height)), ("fill", "#ffffff")])
        svg.element("text", [("x", SVGWriter.number(width / 2)), ("y", "21"), ("text-anchor", "middle"),
                             ("font-size", "15"), ("font-weight", "bold"), ("fill", ChartColor.ink)], text: title)
        svg.element("clipPath", [("id", "\(id)-clip")]) { clip in
            clip.element("rect", [("x", SVGWriter.number(area.x)), ("y", SVGWriter.number(area.y)),
                                  ("width", SVGWriter.number(area.width)), ("height", SVGWriter.number(area.height))])
        }
        drawGridAndTicks(into: &svg)
        svg.element("g", [("clip-path", "url(#\(id)-clip)"), ("class", "data")]) { data in
            for band in bands { drawBand(band, into: &data) }
            for rule in rules { drawRule(rule, into: &data) }
            for series in series { drawSeries(series, into: &data) }
        }
        for marker in markers {
            let point = pixel(x: marker.x, y: marker.y)
            svg.element("circle", [("class", "marker"), ("cx", SVGWriter.number(point.x)), ("cy", SVGWriter.number(point.y)),
                                   ("r", SVGWriter.number(marker.radius)), ("fill", marker.color),
                                   ("stroke", "#ffffff"), ("stroke-width", "1.5")]) { circle in
                circle.element("title", [], text: marker.label)
            }
        }
        svg.element("rect", [("x", SVGWriter.number(area.x)), ("y", SVGWriter.number(area.y)),
                             ("width", SVGWriter.number(area.width)), ("height", SVGWriter.number(area.height)),
                             ("fill", "none"), ("stroke", ChartColor.ink), ("stroke-width", "1")])
        drawAxisLabels(into: &svg)
        if let note {
            svg.element("text", [("class", "note"), ("x", SVGWriter.number(area.x + area.width / 2)),
                                 ("y", SVGWriter.number(area.y + area.height / 2)), ("text-anchor", "middle"),
                                 ("font-size", "14"), ("fill", ChartColor.grey)], text: note)
        }
        drawLegend(into: &svg)
    }

    private func drawGridAndTicks(into svg: inout SVGWriter) {
        let area = plotArea
        svg.element("g", [("class", "x-ticks"), ("font-size", "11"), ("fill", ChartColor.ink)]) { group in
            for tick in x.tickValues {
                let position = pixel(x: tick, y: y.domain.lowerBound).x
                group.element("line", [("x1", SVGWriter.number(position)), ("x2", SVGWriter.number(position)),
                                       ("y1", SVGWriter.number(area.y)), ("y2", SVGWriter.number(area.y + area.height)),
                                       ("stroke", ChartColor.grid), ("stroke-width", "1")])
                group.element("line", [("x1", SVGWriter.number(position)), ("x2", SVGWriter.number(position)),
                                       ("y1", SVGWriter.number(area.y + area.height)),
                                       ("y2", SVGWriter.number(area.y + area.height + 5)), ("stroke", ChartColor.ink)])
                group.element("text", [("x", SVGWriter.number(position)), ("y", SVGWriter.number(area.y + area.height + 18)),
                                       ("text-anchor", "middle")], text: x.tickLabel(tick))
            }
        }
        svg.element("g", [("class", "y-ticks"), ("font-size", "11"), ("fill", ChartColor.ink)]) { group in
            for tick in y.tickValues {
                let position = pixel(x: x.domain.lowerBound, y: tick).y
                group.element("line", [("x1", SVGWriter.number(area.x)), ("x2", SVGWriter.number(area.x + area.width)),
                                       ("y1", SVGWriter.number(position)), ("y2", SVGWriter.number(position)),
                                       ("stroke", ChartColor.grid), ("stroke-width", "1")])
                group.element("line", [("x1", SVGWriter.number(area.x - 5)), ("x2", SVGWriter.number(area.x)),
                                       ("y1", SVGWriter.number(position)), ("y2", SVGWriter.number(position)),
                                       ("stroke", ChartColor.ink)])
                group.element("text", [("x", SVGWriter.number(area.x - 8)), ("y", SVGWriter.number(position + 4)),
                                       ("text-anchor", "end")], text: y.tickLabel(tick))
            }
        }
    }

    private func drawAxisLabels(into svg: inout SVGWriter) {
        let area = plotArea
        svg.element("text", [("class", "x-label"), ("x", SVGWriter.number(area.x + area.width / 2)),
                             ("y", SVGWriter.number(height - 10)), ("text-anchor", "middle"), ("font-size", "12"),
                             ("fill", ChartColor.ink)], text: x.label)
        let middle = area.y + area.height / 2
        svg.element("text", [("class", "y-label"), ("x", "16"), ("y", SVGWriter.number(middle)),
                             ("transform", "rotate(-90 16 \(SVGWriter.number(middle)))"), ("text-anchor", "middle"),
                             ("font-size", "12"), ("fill", ChartColor.ink)], text: y.label)
    }

    private func drawSeries(_ series: Series, into svg: inout SVGWriter) {
        let count = min(series.xs.count, series.ys.count)
        var points: [(x: Double, y: Double)] = []
        for index in 0 ..< count {
            let value = series.ys[index]
            let point = value.isFinite && series.xs[index].isFinite ? pixel(x: series.xs[index], y: value) : (.nan, .nan)
            if series.style == .step, index > 0, let previous = points.last, previous.y.isFinite, point.x.isFinite {
                points.append((point.x, previous.y))
            }
            points.append(point)
        }
        if series.style != .points, count > 0 {
            svg.element("path", [("class", "series"), ("data-name", series.name), ("d", SVGWriter.path(points)),
                                 ("fill", "none"), ("stroke", series.color), ("stroke-width", SVGWriter.number(series.width)),
                                 ("stroke-dasharray", series.dash.pattern), ("stroke-linejoin", "round")])
        }
        if series.style == .points || series.markers {
            for index in 0 ..< count where series.ys[index].isFinite && series.xs[index].isFinite {
                let point = pixel(x: series.xs[index], y: series.ys[index])
                svg.element("circle", [("cx", SVGWriter.number(point.x)), ("cy", SVGWriter.number(point.y)),
                                       ("r", SVGWriter.number(max(series.width, 2.5))), ("fill", series.color)])
            }
        }
    }

    private func drawBand(_ band: Band, into svg: inout SVGWriter) {
        let count = min(band.xs.count, band.lower.count, band.upper.count)
        let indices = (0 ..< count).filter { band.xs[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite }
        guard !indices.isEmpty else { return }
        let top = indices.map { pixel(x: band.xs[$0], y: band.upper[$0]) }
        let bottom = indices.reversed().map { pixel(x: band.xs[$0], y: band.lower[$0]) }
        svg.element("path", [("class", "band"), ("data-name", band.name), ("d", SVGWriter.path(top + bottom) + " Z"),
                             ("fill", band.color), ("fill-opacity", SVGWriter.number(band.opacity)), ("stroke", "none")])
    }

    private func drawRule(_ rule: Rule, into svg: inout SVGWriter) {
        let area = plotArea
        let (x1, y1, x2, y2): (Double, Double, Double, Double)
        switch rule.orientation {
        case .vertical(let value):
            let position = pixel(x: value, y: y.domain.lowerBound).x
            (x1, y1, x2, y2) = (position, area.y, position, area.y + area.height)
        case .horizontal(let value):
            let position = pixel(x: x.domain.lowerBound, y: value).y
            (x1, y1, x2, y2) = (area.x, position, area.x + area.width, position)
        }
        svg.element("line", [("class", "rule"), ("data-name", rule.label), ("x1", SVGWriter.number(x1)),
                             ("y1", SVGWriter.number(y1)), ("x2", SVGWriter.number(x2)), ("y2", SVGWriter.number(y2)),
                             ("stroke", rule.color), ("stroke-width", "1.5"), ("stroke-dasharray", rule.dash.pattern)])
    }
}
