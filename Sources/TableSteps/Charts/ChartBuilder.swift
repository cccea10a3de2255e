import Frames
import NotebookCore
import Outputs
import RecbookSupport

/// Turns a table into the figure a `chart` step describes, and refuses data the chart cannot
/// show well with an error that points at the parameter to change.
///
/// The step has checked the columns' names and types (``ChartStep/check(_:_:)``) before a
/// builder is made; a builder checks what only the rows can tell: sizes beyond
/// ``ChartLimits``, values a log axis cannot show, and a heat-map cell filled twice.
struct ChartBuilder {
    let step: ChartStep
    let frame: DataFrame
    /// Where a parameter is written in the notebook (the block's start when it is not).
    let locate: (String) -> SourceLocation
    /// Rows left out because a charted column had no value in them.
    var skippedRows = 0

    /// The figure, with the step's title and axis titles in place of the defaults.
    mutating func figure() throws -> Figure {
        var figure: Figure
        switch step.kind {
        case .bar: figure = try barFigure()
        case .line, .scatter: figure = try pointFigure()
        case .histogram: figure = try histogramFigure()
        case .heatmap: figure = try heatmapFigure()
        }
        if let title = step.title { figure.title = title }
        if let label = step.xLabel { figure.xAxis.label = label }
        if let label = step.yLabel { figure.yAxis.label = label }
        return figure
    }

    /// An error at the place where `parameter` is written, as the checker would report it.
    func error(_ message: String, at parameter: String) -> LocatedStepError {
        LocatedStepError(message, at: locate(parameter))
    }

    func column(_ name: ColumnName) throws -> Column {
        try frame.column(name.name)
    }

    /// The values of `name` as numbers.
    /// - Throws: when the column holds text or booleans (the step's check refuses those first).
    func numbers(_ name: ColumnName, parameter: String) throws -> [Double] {
        let column = try column(name)
        guard let numbers = column.chartNumbers() else {
            throw error("column '\(name)' holds \(column.type.pluralName); \(step.kind.phrase) needs numbers here", at: parameter)
        }
        return numbers
    }

    /// The categories of `name`, refused beyond `limit` with a message naming what they would
    /// have been (`what`: "bars", "columns of a heat map").
    func categories(_ name: ColumnName, parameter: String, limit: Int, what: String) throws -> ChartCategories {
        let categories = ChartCategories(try column(name))
        guard categories.count <= limit else {
            throw error("column '\(name)' has \(Format.grouped(categories.count)) distinct values, more than the \(limit) \(what) \(step.kind.phrase) draws; filter the table, or group it by a column with fewer values, first", at: parameter)
        }
        return categories
    }

    /// The categories of the `series` column, if there is one.
    func seriesCategories() throws -> ChartCategories? {
        guard let series = step.series else { return nil }
        return try categories(series, parameter: "series", limit: ChartLimits.series, what: "series")
    }

    /// Refuses values ≤ 0 on the log axis that `parameter` (`log_x` or `log_y`) asks for.
    func requirePositive(_ values: some Sequence<Double>, column: String, parameter: String) throws {
        var count = 0
        var smallest = Double.infinity
        for value in values where value <= 0 {
            count += 1
            smallest = min(smallest, value)
        }
        guard count > 0 else { return }
        let them = count == 1 ? "it" : "them"
        throw error("a log axis cannot show the \(Format.grouped(count)) value\(count == 1 ? "" : "s") ≤ 0 in column '\(column)' (the smallest is \(Format.number(smallest))); filter \(them) out first, or drop '\(parameter)'", at: parameter)
    }

    /// The x axis over the values of a column of `type`: dates for timestamps, numbers else.
    func numericXAxis(_ type: ColumnType) -> Axis {
        Axis(step.x.name, scale: step.logX ? .log : .linear, format: type == .timestamp ? .date : .number)
    }

    /// The y axis of values; bars and histograms grow from zero unless it is logarithmic, and
    /// lines and points span their own range.
    func valueYAxis(_ label: String) -> Axis {
        let fromZero = step.kind == .bar || step.kind == .histogram
        return Axis(label, scale: step.logY ? .log : .linear, includesZero: fromZero && !step.logY)
    }

    /// The names of the y columns, for titles: `rating`, `rmse, mae`.
    var yNames: String { step.y.map(\.name).joined(separator: ", ") }
}
