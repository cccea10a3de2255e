import Frames
import NotebookCore

/// Keeps some columns, in a given order: `df[columns]`.
struct SelectStep: TableVerb {
    static let name = "select"
    static let category = "Table verbs"
    static let summary = "Keep the named columns, in the order given, like df[[…]]."
    static let example = "table: ratings\ncolumns: [movieId, rating]\nas: movie_ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to take columns from."),
        .parameter(\.columns, "columns", doc: "The columns to keep, in order.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns: [ColumnName] = []
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        columns.check(in: input, context)
        return TableSchema(columns.compactMap { column in input.type(of: column.name).map { .init(column.name, $0) } })
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.selecting(columns.names)
    }
}
