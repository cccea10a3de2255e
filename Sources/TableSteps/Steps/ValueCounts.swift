import Frames
import NotebookCore

/// How often each value occurs: `df.value_counts(columns, normalize=…, sort=…, dropna=…)`.
struct ValueCountsStep: TableVerb {
    static let name = "value-counts"
    static let category = "Table verbs"
    static let summary = "Count each distinct value (or combination of values), like pandas' value_counts."
    static let discussion = """
    The result holds the value column(s), then `count` (or `share`, with `normalize`). Sorted, \
    the most frequent come first and equal counts in ascending value order; unsorted, values \
    come in order of first appearance. Shares are of the rows counted.
    """
    static let example = "table: ratings\ncolumn: rating"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table."),
        .parameter(\.column, "column", doc: "The column whose values to count."),
        .parameter(\.columns, "columns", doc: "Several columns whose combinations to count, instead of `column`."),
        .parameter(\.normalize, "normalize", doc: "Give each value's share of the rows (`share`) instead of its count."),
        .parameter(\.sort, "sort", doc: "Most frequent first; otherwise in order of first appearance."),
        .parameter(\.dropna, "dropna", doc: "Leave out rows with a missing value."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var column: ColumnName?
    var columns: [ColumnName] = []
    var normalize = false
    var sort = true
    var dropna = true
    var preview: Preview = .table

    private var counted: [ColumnName] { column.map { [$0] } ?? columns }
    private var outputName: String { normalize ? "share" : "count" }

    func validate() -> [ParameterProblem] {
        switch (column, columns.isEmpty) {
        case (nil, true): return [ParameterProblem("column", "step 'value-counts' needs 'column' or 'columns'")]
        case (.some, false): return [ParameterProblem("columns", "give 'column' or 'columns', not both")]
        default: return []
        }
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        counted.check(in: input, context)
        for column in counted where column.name == outputName {
            context.error("the counts go in a column '\(outputName)', which is counted already", at: column.location, id: "duplicate-column")
        }
        return TableSchema(counted.compactMap { c in input.type(of: c.name).map { .init(c.name, $0) } }
            + [.init(outputName, normalize ? .double : .int)])
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.valueCounts(of: counted.names, normalize: normalize, sort: sort, dropMissing: dropna)
    }
}
