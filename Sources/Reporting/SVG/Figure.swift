/// Several charts in one SVG, laid out in a grid row by row (panels that share a story: recall and false
/// accepts against the cutoff, or one trace per clip).
public struct Figure: Sendable {
    public var id: String
    public var title: String
    public var panels: [Chart]
    public var columns: Int

    public init(id: String, title: String, panels: [Chart], columns: Int = 1) {
        self.id = HTMLText.identifier(id)
        self.title = title
        self.panels = panels
        self.columns = max(columns, 1)
    }

    /// Where each panel's top left corner lies in the figure.
    public var offsets: [(x: Double, y: Double)] {
        var result: [(x: Double, y: Double)] = []
        var y = 0.0
        var index = 0
        while index < panels.count {
            let row = panels[index ..< min(index + columns, panels.count)]
            var x = 0.0
            for panel in row {
                result.append((x, y))
                x += panel.width
            }
            y += row.map(\.height).max() ?? 0
            index += columns
        }
        return result
    }

    public var width: Double {
        var widest = 0.0
        var index = 0
        while index < panels.count {
            widest = max(widest, panels[index ..< min(index + columns, panels.count)].map(\.width).reduce(0, +))
            index += columns
        }
        return widest
    }

    public var height: Double {
        zip(panels, offsets).map { $1.y + $0.height }.max() ?? 0
    }

    /// The figure as one `<svg>` element; each panel keeps its own ids (they must differ).
    public func svg() -> String {
        var writer = SVGWriter()
        writer.document(id: id, className: "figure", width: width, height: height) { svg in
            svg.element("title", [("id", "\(id)-title")], text: title)
            for (panel, offset) in zip(panels, offsets) {
                svg.element("g", [("class", "panel"),
                                  ("transform", "translate(\(SVGWriter.number(offset.x)) \(SVGWriter.number(offset.y)))")]) { group in
                    panel.draw(into: &group)
                }
            }
        }
        return writer.markup
    }
}
