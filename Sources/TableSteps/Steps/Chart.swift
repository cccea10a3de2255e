import Frames
import NotebookCore
import Outputs

/// Charts columns of any table: bars, lines, a scatter plot, a histogram or a heat map.
struct ChartStep: Step {
    static let name = "chart"
    static let category = "Charts"
    static let summary = "Chart columns of a table: bars, lines, a scatter plot, a histogram or a heat map."
    static let discussion = """
    Kinds:
    - `bar`: a bar per value of `x`, as tall as `y` — one bar per row, in table order — or, \
    without `y`, as the number of rows with that value. Several `y` columns, or a `series` \
    column, draw grouped bars. `sort` orders the bars (`ascending`/`descending` by the first \
    series' value, `label` by x); `top` keeps the first n after sorting.
    - `line`: `y` against `x`, one line per `y` column or per value of `series`, drawn in x order.
    - `scatter`: a point per row at (`x`, `y`), one colour per value of `series`.
    - `histogram`: how many rows fall in each of `bins` equal bins of `x` (or bins \
    `bin_width` wide, in x's units, days for timestamps), one histogram per value of `series`. \
    As in NumPy, the last of `bins` bins includes its upper edge.
    - `heatmap`: a cell per value of `x` (columns) and of `y` (rows), coloured by `value`. A \
    cell filled by two rows is an error that names them: group the table first (a mean, a count).

    Numbers and timestamps along x are drawn on a numeric or date axis; text and booleans as \
    categories. Rows without a value in a charted column are left out, and the step says how \
    many. A series keeps its colour in every figure of the report. `caption:` and `label:` \
    (`label: fig-NAME`, cited as `@fig-NAME`) caption and name the figure.

    Limits, so that a chart stays readable and a report stays small: 200 bars, 20 series, 200 \
    categories along a line or scatter plot's x, 200 histogram bins, 100 × 100 heat-map cells \
    (`check` refuses a `top` or `bins` beyond them; a table that needs more is refused when the \
    step runs, with a suggestion). Lines keep the points that change their drawing at up to \
    2,000 pixels wide. A scatter plot of more than 100,000 points draws one point per cell of a \
    1,000 × 1,000 grid, which at report size loses none, and refuses a plot that still has more.
    """
    static let example = "table: ratings\nkind: histogram\nx: rating\nbin_width: 0.5\ncaption: How ratings are spread."
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to chart."),
        .parameter(\.kind, "kind", doc: "What to draw.", required: true),
        .parameter(\.x, "x", doc: "The column along x (a heat map's columns, a histogram's binned values).", required: true),
        .parameter(\.y, "y", doc: "The numbers along y: a column, or for bar and line a list of columns drawn as series; a heat map's rows."),
        .parameter(\.series, "series", doc: "A column whose values split the rows into series, one colour each."),
        .parameter(\.value, "value", doc: "heatmap: the numeric column that colours the cells."),
        .parameter(\.title, "title", doc: "The chart's title (default: from the columns)."),
        .parameter(\.xLabel, "x_label", doc: "The x axis title (default: the column's name)."),
        .parameter(\.yLabel, "y_label", doc: "The y axis title (default: the column's name)."),
        .parameter(\.logX, "log_x", doc: "line, scatter, histogram: a logarithmic x axis."),
        .parameter(\.logY, "log_y", doc: "bar, line, scatter, histogram: a logarithmic y axis."),
        .parameter(\.sort, "sort", doc: "bar: the order of the bars; heatmap: 'label' sorts rows and columns."),
        .parameter(\.top, "top", doc: "bar: keep the first n bars after sorting.", .inRange(1...ChartLimits.bars)),
        .parameter(\.bins, "bins", doc: "histogram: the number of equal bins (default 10).", .inRange(1...ChartLimits.bins)),
        .parameter(\.binWidth, "bin_width", doc: "histogram: the width of each bin instead, in x's units (days for timestamps).",
                   .greaterThan(0.0)),
    ]

    enum Kind: String, ChoiceParameter {
        case bar, line, scatter, histogram, heatmap

        /// How messages name a chart of this kind: "a bar chart".
        var phrase: String {
            switch self {
            case .bar: "a bar chart"
            case .line: "a line chart"
            case .scatter: "a scatter plot"
            case .histogram: "a histogram"
            case .heatmap: "a heat map"
            }
        }
    }

    enum Order: String, ChoiceParameter { case none, ascending, descending, label }

    var table = ValueRef()
    var kind: Kind = .bar
    var x = ColumnName()
    var y: [ColumnName] = []
    var series: ColumnName? = nil
    var value: ColumnName? = nil
    var title: String? = nil
    var xLabel: String? = nil
    var yLabel: String? = nil
    var logX = false
    var logY = false
    var sort: Order = .none
    var top: Int? = nil
    var bins: Int? = nil
    var binWidth: Double? = nil

    /// The parameters beyond `table`, `kind`, `x` and the titles that each kind takes, and
    /// those it needs.
    private static let applicable: [Kind: (allowed: Set<String>, required: Set<String>)] = [
        .bar: (["y", "series", "log_y", "sort", "top"], []),
        .line: (["y", "series", "log_x", "log_y"], ["y"]),
        .scatter: (["y", "series", "log_x", "log_y"], ["y"]),
        .histogram: (["series", "log_x", "log_y", "bins", "bin_width"], []),
        .heatmap: (["y", "value", "sort"], ["y", "value"]),
    ]

    func validate() -> [ParameterProblem] {
        let given: [(String, Bool)] = [
            ("y", !y.isEmpty), ("series", series != nil), ("value", value != nil), ("log_x", logX), ("log_y", logY),
            ("sort", sort != .none), ("top", top != nil), ("bins", bins != nil), ("bin_width", binWidth != nil),
        ]
        guard let rule = Self.applicable[kind] else { return [] }
        var problems: [ParameterProblem] = []
        for (name, isGiven) in given {
            if isGiven, !rule.allowed.contains(name) {
                let users = Kind.allCases.filter { Self.applicable[$0]?.allowed.contains(name) == true }
                problems.append(ParameterProblem(name, "parameter '\(name)' does not apply to kind '\(kind.rawValue)' (only to \(users.map { "'\($0.rawValue)'" }.joined(separator: ", ")))"))
            } else if !isGiven, rule.required.contains(name) {
                problems.append(ParameterProblem(name, "kind '\(kind.rawValue)' needs parameter '\(name)'"))
            }
        }
        return problems + combinationProblems()
    }

    /// Parameters that each apply but do not go together.
    private func combinationProblems() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if y.count > 1, kind == .scatter || kind == .heatmap {
            let hint = kind == .scatter ? "; a 'series' column draws several" : " (its rows)"
            problems.append(ParameterProblem("y", "kind '\(kind.rawValue)' takes one y column\(hint), got \(y.count)"))
        } else if y.count > ChartLimits.series {
            problems.append(ParameterProblem("y", "at most \(ChartLimits.series) y columns can be drawn as series, got \(y.count)"))
        }
        if series != nil, y.count > 1 {
            problems.append(ParameterProblem("series", "'series' splits one y column into series; each of the \(y.count) y columns is already one"))
        }
        if bins != nil, binWidth != nil {
            problems.append(ParameterProblem("bin_width", "give 'bins' or 'bin_width', not both"))
        }
        if binWidth != nil, logX {
            problems.append(ParameterProblem("bin_width", "bins of equal width do not fit a log axis; give 'bins' with 'log_x'"))
        }
        if kind == .heatmap, sort == .ascending || sort == .descending {
            problems.append(ParameterProblem("sort", "a heat map sorts its rows and columns by 'label' only"))
        }
        return problems
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        if let schema = context.shape(of: table, as: TableSchema.self) { check(schema, context) }
        return nil
    }

    /// The checks on the table's columns, the same before running (with the columns the checker
    /// knows) and when running (with the real ones).
    func check(_ schema: TableSchema, _ context: AnalysisContext) {
        if let type = x.check(in: schema, context) {
            if kind == .histogram, !type.isChartNumeric {
                context.error("column '\(x)' holds \(type.pluralName); \(kind.phrase) bins numbers or timestamps (`kind: bar` counts each value)",
                              at: x.location, id: "wrong-column-type")
            } else if logX, !type.isNumeric {
                context.error("a log x axis needs numbers, but column '\(x)' holds \(type.pluralName)",
                              at: context.location(ofParameter: "log_x"), id: "wrong-column-type")
            }
        }
        for column in y {
            guard let type = column.check(in: schema, context), kind != .heatmap, !type.isNumeric else { continue }
            context.error("column '\(column)' holds \(type.pluralName); \(kind.phrase)'s y needs numbers",
                          at: column.location, id: "wrong-column-type")
        }
        series?.check(in: schema, context)
        if let value, let type = value.check(in: schema, context), !type.isNumeric {
            context.error("column '\(value)' holds \(type.pluralName); \(kind.phrase)'s value needs numbers",
                          at: value.location, id: "wrong-column-type")
        }
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(table)
        try context.check { check(frame.schema, $0) }
        var builder = ChartBuilder(step: self, frame: frame, locate: context.location(ofParameter:))
        let figure = try builder.figure()
        context.emit(.figure(figure))
        if builder.skippedRows > 0 {
            let rows = builder.skippedRows == 1 ? "1 row" : "\(builder.skippedRows) rows"
            context.print("(\(rows) without a value in a charted column \(builder.skippedRows == 1 ? "was" : "were") left out.)")
        }
        return nil
    }
}

/// The most a chart draws, so that it stays readable and a report stays small.
enum ChartLimits {
    /// Bars of a bar chart (categories; each holds a bar per series).
    static let bars = 200
    /// Series of any chart: y columns, or values of a `series` column.
    static let series = 20
    /// Categories along the x axis of a line chart or scatter plot.
    static let categories = 200
    /// Bins of a histogram.
    static let bins = 200
    /// Rows and columns of a heat map, each.
    static let heatmapSide = 100
    /// Points of a scatter plot, after thinning.
    static let scatterPoints = 100_000
    /// The pixel columns lines are thinned for, and the grid cells across a scatter plot.
    static let lineColumns = 2_000
    static let scatterGrid = 1_000
}
