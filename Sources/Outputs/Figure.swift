/// A chart described as data. `Report` draws it as SVG for HTML and as ASCII for the terminal.
public struct Figure: Hashable, Sendable, Codable {
    public var title: String
    public var caption: String?
    /// A name prose can refer to as `@fig-NAME`.
    public var label: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var marks: [Mark]

    public init(
        title: String,
        caption: String? = nil,
        label: String? = nil,
        xAxis: Axis = Axis(),
        yAxis: Axis = Axis(),
        marks: [Mark]
    ) {
        self.title = title
        self.caption = caption
        self.label = label
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.marks = marks
    }
}

public struct Axis: Hashable, Sendable, Codable {
    public enum Scale: String, Hashable, Sendable, Codable { case linear, log }
    public var label: String
    public var scale: Scale
    /// Force the axis to include zero (bar charts always do).
    public var includesZero: Bool

    public init(_ label: String = "", scale: Scale = .linear, includesZero: Bool = false) {
        self.label = label
        self.scale = scale
        self.includesZero = includesZero
    }
}

/// What is drawn inside a figure's axes.
public enum Mark: Hashable, Sendable, Codable {
    /// Bars over named categories. Several series over the same categories are drawn grouped.
    case bars(BarSeries)
    /// A histogram: `counts[i]` observations in `[edges[i], edges[i+1])`.
    case histogram(Histogram)
    /// A polyline through (x, y) points, in order.
    case line(Series)
    /// Unconnected points, optionally labelled (for example models on an RMSE-against-time plot).
    case points(Series)
    /// A horizontal reference line at y, or a vertical one at x.
    case rule(Rule)
}

public struct BarSeries: Hashable, Sendable, Codable {
    public var categories: [String]
    /// One entry per series; each has a value per category.
    public var series: [NamedValues]

    public init(categories: [String], series: [NamedValues]) {
        self.categories = categories
        self.series = series
    }
}

public struct NamedValues: Hashable, Sendable, Codable {
    public var name: String
    public var values: [Double]

    public init(_ name: String, _ values: [Double]) {
        self.name = name
        self.values = values
    }
}

public struct Histogram: Hashable, Sendable, Codable {
    public var name: String
    public var edges: [Double]
    public var counts: [Double]

    public init(name: String = "", edges: [Double], counts: [Double]) {
        self.name = name
        self.edges = edges
        self.counts = counts
    }
}

public struct Series: Hashable, Sendable, Codable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Per-point labels (points only); empty for none.
    public var labels: [String]
    public var dashed: Bool

    public init(name: String, x: [Double], y: [Double], labels: [String] = [], dashed: Bool = false) {
        self.name = name
        self.x = x
        self.y = y
        self.labels = labels
        self.dashed = dashed
    }
}

public struct Rule: Hashable, Sendable, Codable {
    public enum Orientation: String, Hashable, Sendable, Codable { case horizontal, vertical }
    public var orientation: Orientation
    public var at: Double
    public var label: String

    public init(_ orientation: Orientation, at: Double, label: String = "") {
        self.orientation = orientation
        self.at = at
        self.label = label
    }
}
