import Frames
import NotebookCore

/// Sorts rows by one or more keys: `df.sort_values(by, ascending=…, kind="stable", na_position="last")`.
struct SortStep: TableVerb {
    static let name = "sort"
    static let category = "Table verbs"
    static let summary = "Sort rows by one or more columns, stably, missing values last."
    static let discussion = """
    Each key is a column name, optionally followed by `asc` or `desc`, or prefixed with `-` for \
    descending. The first key decides first; rows equal on every key keep their order (a stable \
    sort). Missing values come last whichever the direction, as pandas' `na_position="last"`; \
    strings sort by Unicode code point, as Python compares them. A radix sort: linear in the rows.
    """
    static let example = "table: ratings\nby: [userId, timestamp desc]\nas: ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to sort."),
        .parameter(\.by, "by", doc: "The sort keys, most significant first: `column`, `column desc` or `-column`.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var by: [SortKeyParameter] = []
    var preview: Preview = .table

    func validate() -> [ParameterProblem] {
        by.isEmpty ? [ParameterProblem("by", "parameter 'by' needs at least one sort key")] : []
    }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        by.map(\.column).check(in: input, context)
        return input
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.sorted(by: by.map(\.sortKey))
    }
}
