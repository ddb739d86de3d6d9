/// Colours that stay apart for colour-blind readers (Okabe and Ito), and greys for scaffolding.
public enum ChartColor {
    public static let blue = "#0072B2"
    public static let orange = "#E69F00"
    public static let green = "#009E73"
    public static let vermillion = "#D55E00"
    public static let purple = "#CC79A7"
    public static let sky = "#56B4E9"
    public static let grey = "#6E6E6E"
    public static let grid = "#E3E3E3"
    public static let ink = "#222222"
    /// Series colours in the order charts use them.
    public static let cycle = [blue, orange, green, vermillion, purple, sky]
}

/// How a line is drawn.
public enum LineDash: String, Sendable {
    case solid, dashed, dotted, dashDot

    var pattern: String? {
        switch self {
        case .solid: nil
        case .dashed: "7 4"
        case .dotted: "2 3"
        case .dashDot: "8 3 2 3"
        }
    }
}

/// One data series: a line through its points, a staircase, or markers only.
public struct Series: Sendable {
    public enum Style: Sendable { case line, step, points }

    public var name: String
    public var xs: [Double]
    public var ys: [Double]
    public var color: String
    public var style: Style
    public var dash: LineDash
    public var width: Double
    /// Draw a dot at every point (lines too).
    public var markers: Bool

    public init(_ name: String, xs: [Double], ys: [Double], color: String = ChartColor.blue, style: Style = .line,
                dash: LineDash = .solid, width: Double = 2, markers: Bool = false)
    {
        self.name = name
        self.xs = xs
        self.ys = ys
        self.color = color
        self.style = style
        self.dash = dash
        self.width = width
        self.markers = markers
    }
}

/// A shaded area between two curves over the same xs (an uncertainty band).
public struct Band: Sendable {
    public var name: String
    public var xs: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var color: String
    public var opacity: Double

    public init(_ name: String, xs: [Double], lower: [Double], upper: [Double], color: String, opacity: Double = 0.18) {
        self.name = name
        self.xs = xs
        self.lower = lower
        self.upper = upper
        self.color = color
        self.opacity = opacity
    }
}

/// A straight reference line across the plot: a target, a chosen cutoff.
public struct Rule: Sendable {
    public enum Orientation: Sendable, Equatable {
        /// At an x value, from bottom to top.
        case vertical(Double)
        /// At a y value, from left to right.
        case horizontal(Double)
    }

    public var label: String
    public var orientation: Orientation
    public var color: String
    public var dash: LineDash

    public init(_ label: String, _ orientation: Orientation, color: String = ChartColor.grey, dash: LineDash = .dotted) {
        self.label = label
        self.orientation = orientation
        self.color = color
        self.dash = dash
    }
}

/// One highlighted point with a label in the legend.
public struct Marker: Sendable {
    public var label: String
    public var x: Double
    public var y: Double
    public var color: String
    public var radius: Double

    public init(_ label: String, x: Double, y: Double, color: String = ChartColor.vermillion, radius: Double = 5) {
        self.label = label
        self.x = x
        self.y = y
        self.color = color
        self.radius = radius
    }
}

/// Where the legend sits: in a corner of the plot area, in a column right of it (the plot area narrows so
/// nothing is covered), or nowhere.
public enum LegendPlacement: Sendable {
    case topRight, topLeft, bottomRight, bottomLeft, outsideRight, hidden
}
