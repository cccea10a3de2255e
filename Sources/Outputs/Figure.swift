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

    /// How the axis's values read.
    public enum Format: String, Hashable, Sendable, Codable {
        /// Plain numbers.
        case number
        /// Seconds since 1970-01-01 00:00:00 UTC, shown as calendar dates with ticks on whole
        /// years, months, days or hours.
        case date
    }

    public var label: String
    public var scale: Scale
    /// Force the axis to include zero (bar charts always do).
    public var includesZero: Bool
    public var format: Format
    /// Named categories along an x axis that has no bars to name them (a line over the values
    /// of a text column): lines and points use their x values as positions in it, 0 being the
    /// first. Empty for a numeric axis, or when bars name the categories.
    public var categories: [String]

    public init(
        _ label: String = "", scale: Scale = .linear, includesZero: Bool = false, format: Format = .number,
        categories: [String] = []
    ) {
        self.label = label
        self.scale = scale
        self.includesZero = includesZero
        self.format = format
        self.categories = categories
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
    /// A grid of cells coloured by value, over categories along both axes. A figure with a heat
    /// map shows it alone: renderers leave its other marks out.
    case heatmap(Heatmap)
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

/// Cells coloured by a value, in rows and columns named by categories: `values[row *
/// columns.count + column]` is the cell in row `row` (from the top) and column `column` (from
/// the left); NaN marks a cell without a value.
public struct Heatmap: Hashable, Sendable, Codable {
    /// What the values are, shown beside the colour scale.
    public var name: String
    /// The categories along the x axis, left to right.
    public var columns: [String]
    /// The categories along the y axis, top to bottom.
    public var rows: [String]
    public var values: [Double]

    public init(name: String = "", columns: [String], rows: [String], values: [Double]) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// The value of the cell at `row`, `column`; nil when the cell has none (NaN or missing).
    public func value(row: Int, column: Int) -> Double? {
        guard (0..<rows.count).contains(row), (0..<columns.count).contains(column) else { return nil }
        let index = row * columns.count + column
        guard index < values.count, values[index].isFinite else { return nil }
        return values[index]
    }
}
