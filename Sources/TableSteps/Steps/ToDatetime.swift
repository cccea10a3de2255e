import Frames
import NotebookCore

/// Turns Unix seconds into dates, as `pd.to_datetime(column, unit='s')` does.
struct ToDatetimeStep: TableVerb {
    static let name = "to-datetime"
    static let category = "Data"
    static let summary = "Convert a column of Unix seconds into dates (shown as UTC date and time)."
    static let example = "table: ratings\ncolumn: timestamp\nas: ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table holding the column."),
        .parameter(\.column, "column", doc: "The integer column of seconds since 1970-01-01 UTC."),
    ]

    var table = ValueRef()
    var column = ColumnName("timestamp")
    /// The converted table is not shown, as before: the step is a conversion, not a view.
    var preview: Preview { .none }

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        column.check(in: input, types: [.int, .timestamp], context, need: "to-datetime reads integer seconds")
        return input.setting(column.name, .timestamp)
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        var frame = frame
        try frame.convertToTimestamps(column.name)
        return frame
    }
}
