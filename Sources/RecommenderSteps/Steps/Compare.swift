import NotebookCore
import Outputs
import RecbookSupport

/// Puts several evaluations side by side: a table, and optionally a bar chart.
struct CompareStep: Step {
    static let name = "compare"
    static let category = "Evaluation"
    static let summary = "Put several evaluations side by side in one table, optionally with a bar chart."
    static let example = "metrics: [svd_metrics, dnn_metrics]\nnames: [SVD, neural hybrid]\ncolumns: [rmse, mae]"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .inputs(\.metrics, "metrics", kind: .metrics, doc: "The evaluations to compare, one row each."),
        .parameter(\.names, "names", doc: "A row label per evaluation (default: the bound names)."),
        .parameter(\.columns, "columns", doc: "The figures to show, in order (default: every figure of the first evaluation)."),
        .parameter(\.digits, "digits", doc: "Decimals shown.", .atLeast(0)),
        .parameter(\.chart, "chart", doc: "Draw the figures of `chart_columns` as grouped bars."),
        .parameter(\.chartColumns, "chart_columns", doc: "The figures drawn (default: `columns`)."),
        .parameter(\.title, "title", doc: "The chart's title."),
    ]

    var metrics: [ValueRef] = []
    var names: [String] = []
    var columns: [String] = []
    var digits = 4
    var chart = false
    var chartColumns: [String] = []
    var title = "Comparison"

    func validate() -> [ParameterProblem] {
        if !names.isEmpty, names.count != metrics.count {
            return [ParameterProblem("names", "'names' must label each of the \(metrics.count) evaluations")]
        }
        return []
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let values = try metrics.map { try context.value($0, as: Metrics.self) }
        let labels = names.isEmpty ? metrics.map(\.canonicalText) : names
        let shown = columns.isEmpty ? (values.first?.values.map(\.name) ?? []) : columns
        for (value, label) in zip(values, labels) {
            for column in shown where value[column] == nil {
                throw StepError("'\(label)' has no figure '\(column)'; it has \(value.values.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
        }
        let rows = zip(values, labels).map { value, label in
            TableOutput.Row(label: label, cells: shown.map { column in
                value[column].map { Self.format($0, digits: digits) } ?? "–"
            })
        }
        context.emit(.table(TableOutput(hasIndex: true, columns: shown.map { TableOutput.Column($0, isNumeric: true) }, rows: rows)))
        if chart {
            let drawn = chartColumns.isEmpty ? shown : chartColumns
            context.emit(.figure(Figure(
                title: title,
                xAxis: Axis(""),
                yAxis: Axis("", includesZero: true),
                marks: [.bars(BarSeries(categories: drawn, series: zip(values, labels).map { value, label in
                    NamedValues(label, drawn.map { value[$0] ?? .nan })
                }))]
            )))
        }
        return nil
    }

    static func format(_ value: Double, digits: Int) -> String {
        value == value.rounded() && abs(value) >= 1 ? Format.number(value) : Format.fixed(value, digits)
    }
}
