import Frames
import NotebookCore

/// Removes columns: `df.drop(columns=[…])`.
struct DropStep: TableVerb {
    static let name = "drop"
    static let category = "Table verbs"
    static let summary = "Remove the named columns, like df.drop(columns=[…])."
    static let example = "table: ratings\ncolumns: [timestamp]\nas: ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table to remove columns from."),
        .parameter(\.columns, "columns", doc: "The columns to remove.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    var table = ValueRef()
    var columns: [ColumnName] = []
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        columns.check(in: input, context)
        let dropped = Set(columns.names)
        return TableSchema(input.columns.filter { !dropped.contains($0.name) })
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.removingColumns(columns.names)
    }
}
