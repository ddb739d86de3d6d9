extension Chart {
    /// One line of the legend: a swatch drawn like the thing it names, and the name.
    enum LegendEntry {
        case line(String, color: String, dash: LineDash, width: Double)
        case area(String, color: String, opacity: Double)
        case dot(String, color: String)

        var label: String {
            switch self {
            case .line(let label, _, _, _), .area(let label, _, _), .dot(let label, _): label
            }
        }
    }

    /// Named bands, series, rules and markers, in that order (an empty name keeps a thing out of the legend).
    var legendEntries: [LegendEntry] {
        var entries: [LegendEntry] = []
        for band in bands where !band.name.isEmpty {
            entries.append(.area(band.name, color: band.color, opacity: band.opacity))
        }
        for series in series where !series.name.isEmpty {
            entries.append(series.style == .points ? .dot(series.name, color: series.color)
                : .line(series.name, color: series.color, dash: series.dash, width: series.width))
        }
        for rule in rules where !rule.label.isEmpty {
            entries.append(.line(rule.label, color: rule.color, dash: rule.dash, width: 1.5))
        }
        for marker in markers where !marker.label.isEmpty {
            entries.append(.dot(marker.label, color: marker.color))
        }
        return entries
    }

    /// The legend box's width: about 6.2 px per character at 11 px, wide enough without measuring text.
    var legendBoxWidth: Double {
        Double(legendEntries.map(\.label.count).max() ?? 0) * 6.2 + 40
    }

    /// Width the legend takes right of the plot area when it sits outside (`.outsideRight`).
    public var legendColumnWidth: Double {
        legendEntries.isEmpty ? 0 : legendBoxWidth + 8
    }

    func drawLegend(into svg: inout SVGWriter) {
        let entries = legendEntries
        guard legend != .hidden, !entries.isEmpty else { return }
        let area = plotArea
        let rowHeight = 17.0
        let boxWidth = legend == .outsideRight ? legendBoxWidth : min(legendBoxWidth, area.width - 12)
        let boxHeight = Double(entries.count) * rowHeight + 8
        let left: Double, top: Double
        switch legend {
        case .outsideRight: (left, top) = (area.x + area.width + 10, area.y)
        case .topLeft: (left, top) = (area.x + 6, area.y + 6)
        case .bottomLeft: (left, top) = (area.x + 6, area.y + area.height - boxHeight - 6)
        case .bottomRight: (left, top) = (area.x + area.width - boxWidth - 6, area.y + area.height - boxHeight - 6)
        default: (left, top) = (area.x + area.width - boxWidth - 6, area.y + 6)
        }
        svg.element("g", [("class", "legend"), ("font-size", "11"), ("fill", ChartColor.ink)]) { group in
            group.element("rect", [("x", SVGWriter.number(left)), ("y", SVGWriter.number(top)),
                                   ("width", SVGWriter.number(boxWidth)), ("height", SVGWriter.number(boxHeight)),
                                   ("fill", "#ffffff"), ("fill-opacity", "0.9"), ("stroke", ChartColor.grid)])
            for (row, entry) in entries.enumerated() {
                let middle = top + 4 + rowHeight * (Double(row) + 0.5)
                switch entry {
                case .line(_, let color, let dash, let width):
                    group.element("line", [("x1", SVGWriter.number(left + 6)), ("x2", SVGWriter.number(left + 28)),
                                           ("y1", SVGWriter.number(middle)), ("y2", SVGWriter.number(middle)),
                                           ("stroke", color), ("stroke-width", SVGWriter.number(width)),
                                           ("stroke-dasharray", dash.pattern)])
                case .area(_, let color, let opacity):
                    group.element("rect", [("x", SVGWriter.number(left + 6)), ("y", SVGWriter.number(middle - 5)),
                                           ("width", "22"), ("height", "10"), ("fill", color),
                                           ("fill-opacity", SVGWriter.number(max(opacity, 0.3)))])
                case .dot(_, let color):
                    group.element("circle", [("cx", SVGWriter.number(left + 17)), ("cy", SVGWriter.number(middle)),
                                             ("r", "4.5"), ("fill", color)])
                }
                group.element("text", [("x", SVGWriter.number(left + 34)), ("y", SVGWriter.number(middle + 4))],
                              text: entry.label)
            }
        }
    }
}
