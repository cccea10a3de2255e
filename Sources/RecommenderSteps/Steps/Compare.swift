import NotebookCore
import TableSteps
import Outputs
import RecbookSupport

/// Puts several evaluations side by side: a table, and a chart if asked.
struct CompareStep: Step {
    static let name = "compare"
    static let category = "Evaluation"
    static let summary = "Put several evaluations side by side in one table, with a bar chart, a scatter plot or curves."
    static let discussion = """
    Charts:
    - `bars`: the figures in `chart_columns` (default `columns`) as grouped bars, one group per figure.
    - `scatter`: one labelled point per evaluation at (`x`, `y`), for example RMSE against \
    fit time; `log_x` puts x on a log scale.
    - `curve`: one line per evaluation through `metric@1`, `metric@2`, … (from `evaluate` with \
    `curve`), for example recall@K against K. Without `columns`, the table shows the curve's \
    first figure only (recall@10, not recall@1 … recall@50).

    `table: false` shows the chart alone. A block's `caption:` goes on the chart when there is \
    one, else on the table.
    """
    static let example = "metrics: [svd_metrics, dnn_metrics]\nnames: [SVD, neural hybrid]\ncolumns: [rmse, mae]"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .inputs(\.metrics, "metrics", kind: .metrics, doc: "The evaluations to compare, one row each."),
        .parameter(\.names, "names", doc: "A row label per evaluation (default: the bound names)."),
        .parameter(\.columns, "columns", doc: "The figures to show, in order (default: every figure of the first evaluation, a curve's first point only)."),
        .parameter(\.showsTable, "table", doc: "Show the table; false shows the chart alone."),
        .parameter(\.digits, "digits", doc: "Decimals shown.", .inRange(0...15)),
        .parameter(\.chart, "chart", doc: "none, bars, scatter or curve."),
        .parameter(\.chartColumns, "chart_columns", doc: "bars: the figures drawn (default: `columns`)."),
        .parameter(\.x, "x", doc: "scatter: the figure on the x axis."),
        .parameter(\.y, "y", doc: "scatter: the figure on the y axis."),
        .parameter(\.logX, "log_x", doc: "scatter: a logarithmic x axis."),
        .parameter(\.curveMetric, "curve_metric", doc: "curve: the figure drawn against K (metric@1, metric@2, …)."),
        .parameter(\.title, "title", doc: "The chart's title."),
    ]

    enum Chart: String, ChoiceParameter { case none, bars, scatter, curve }

    var metrics: [ValueRef] = []
    var names: [String] = []
    var columns: [String] = []
    var showsTable = true
    var digits = 4
    var chart: Chart = .none
    var chartColumns: [String] = []
    var x = "fit_seconds"
    var y = "rmse"
    var logX = false
    var curveMetric = "recall"
    var title = "Comparison"

    func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if !names.isEmpty, names.count != metrics.count {
            problems.append(ParameterProblem("names", "'names' must label each of the \(metrics.count) evaluations"))
        }
        if !showsTable, chart == .none {
            problems.append(ParameterProblem("table", "'table: false' leaves nothing to show without a chart; add `chart: bars`, `scatter` or `curve`"))
        }
        return problems
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let values = try metrics.map { try context.value($0, as: Metrics.self) }
        let labels = names.isEmpty ? metrics.map(\.canonicalText) : names
        let shown = columns.isEmpty ? defaultColumns(values.first) : columns
        let known = Set(values.flatMap { $0.values.map(\.name) })
        for column in shown where !known.contains(column) {
            throw StepError("no evaluation has a figure '\(column)'; they have \(known.sorted().prefix(20).map { "'\($0)'" }.joined(separator: ", "))")
        }
        let rows = zip(values, labels).map { value, label in
            TableOutput.Row(label: label, cells: shown.map { column in
                value[column].flatMap { $0.isFinite ? Self.format($0, digits: digits) : nil } ?? "–"
            })
        }
        if showsTable {
            context.emit(.table(TableOutput(hasIndex: true, columns: shown.map { TableOutput.Column($0, isNumeric: true) }, rows: rows)))
        }

        switch chart {
        case .none:
            break
        case .bars:
            let drawn = chartColumns.isEmpty ? shown : chartColumns
            context.emit(.figure(Figure(
                title: title, xAxis: Axis(""), yAxis: Axis("", includesZero: true),
                marks: [.bars(BarSeries(categories: drawn, series: zip(values, labels).map { value, label in
                    NamedValues(label, drawn.map { value[$0] ?? .nan })
                }))]
            )))
        case .scatter:
            let points = zip(values, labels).compactMap { value, label -> (Double, Double, String)? in
                guard let px = value[x], let py = value[y], px.isFinite, py.isFinite else { return nil }
                return (px, py, label)
            }
            if points.isEmpty {
                context.print("(No evaluation has both '\(x)' and '\(y)' to plot\(x == "fit_seconds" ? "; fit times are left out when timings are" : "").)")
            } else {
                context.emit(.figure(Figure(
                    title: title, xAxis: Axis(x.replacingOccurrences(of: "_", with: " "), scale: logX ? .log : .linear),
                    yAxis: Axis(y), marks: [.points(Series(name: "", x: points.map(\.0), y: points.map(\.1), labels: points.map(\.2)))]
                )))
            }
        case .curve:
            let marks: [Mark] = zip(values, labels).compactMap { value, label in
                var xs: [Double] = [], ys: [Double] = []
                var k = 1
                while let y = value["\(curveMetric)@\(k)"] {
                    xs.append(Double(k))
                    ys.append(y)
                    k += 1
                }
                return xs.isEmpty ? nil : .line(Series(name: label, x: xs, y: ys))
            }
            guard !marks.isEmpty else {
                throw StepError("no evaluation has '\(curveMetric)@1', '\(curveMetric)@2', …; evaluate with `curve: 50`")
            }
            context.emit(.figure(Figure(
                title: title, xAxis: Axis("K"), yAxis: Axis("\(curveMetric)@K", includesZero: true), marks: marks
            )))
        }
        return nil
    }

    /// Every figure of `first`, except that of a curve drawn here only its first point is
    /// shown: the evaluation's headline figure (recall@10), not the recall@1 … recall@50 behind
    /// the chart.
    private func defaultColumns(_ first: Metrics?) -> [String] {
        let names = first?.values.map(\.name) ?? []
        guard chart == .curve else { return names }
        var seenCurvePoint = false
        return names.filter { name in
            guard name.hasPrefix(curveMetric + "@"), Int(name.dropFirst(curveMetric.count + 1)) != nil else { return true }
            defer { seenCurvePoint = true }
            return !seenCurvePoint
        }
    }

    static func format(_ value: Double, digits: Int) -> String {
        value == value.rounded() && abs(value) >= 1 ? Format.number(value) : Format.fixed(value, digits)
    }
}
