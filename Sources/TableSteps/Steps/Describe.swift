import Frames
import NotebookCore

/// Summary statistics of numeric columns: `df.describe()`.
struct DescribeStep: TableVerb {
    static let name = "describe"
    static let category = "Table verbs"
    static let summary = "Count, mean, std, min, percentiles and max of numeric columns, like df.describe()."
    static let discussion = """
    The result has a `statistic` column naming each row (`count`, `mean`, `std`, `min`, `25%`, \
    `50%`, `75%`, `max`), then one column per described column. Missing values are left out; \
    `std` is the sample standard deviation (ddof = 1) and percentiles interpolate linearly, as \
    pandas computes them.
    """
    static let example = "table: ratings\ncolumns: [rating]\npercentiles: [0.1, 0.5, 0.9]"
    static let produces: ValueKind? = .table
    static let maxPercentiles = 100
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table."),
        .parameter(\.columns, "columns", doc: "The numeric columns to describe; every integer and double column when absent."),
        .parameter(\.percentiles, "percentiles", doc: "The quantiles to report, each in [0, 1] (at most \(maxPercentiles))."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns: [ColumnName] = []
    var percentiles: [Double] = [0.25, 0.5, 0.75]
    var preview: Preview = .table

    func validate() -> [ParameterProblem] {
        if percentiles.count > Self.maxPercentiles {
            return [ParameterProblem("percentiles", "parameter 'percentiles' lists \(percentiles.count) values; at most \(Self.maxPercentiles) are allowed")]
        }
        if let outside = percentiles.first(where: { !(0...1).contains($0) }) {
            return [ParameterProblem("percentiles", "parameter 'percentiles' must hold numbers in [0, 1], got \(outside.canonicalText)")]
        }
        return []
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        columns.check(in: input, context)
        for column in columns { column.check(in: input, types: [.int, .double], context, need: "describe needs numbers") }
        let described = columns.isEmpty ? input.columns.filter { $0.type.isNumeric }.map(\.name) : columns.names
        if described.isEmpty {
            context.error("the table has no numeric columns to describe", at: context.location(ofParameter: "table"))
        }
        return TableSchema([.init("statistic", .string)] + described.map { .init($0, .double) })
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.describe(columns.isEmpty ? nil : columns.names, percentiles: percentiles)
    }
}
