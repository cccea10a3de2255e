import Frames
import NotebookCore

/// Drops repeated rows: `df.drop_duplicates(subset=columns, keep="first")`.
struct DistinctStep: TableVerb {
    static let name = "distinct"
    static let category = "Table verbs"
    static let summary = "Keep the first of each set of rows equal over some columns, like drop_duplicates."
    static let discussion = "Rows keep their order; all columns are kept. Missing values equal each other, as in pandas."
    static let example = "table: ratings\ncolumns: [userId, movieId]\nas: pairs"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table."),
        .parameter(\.columns, "columns", doc: "The columns rows are compared on; all of them when absent."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns: [ColumnName] = []
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        columns.check(in: input, context)
        return input
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.distinctRows(over: columns.isEmpty ? nil : columns.names)
    }
}
