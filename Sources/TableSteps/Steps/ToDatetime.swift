import Frames
import NotebookCore

/// Turns Unix seconds into dates, as `pd.to_datetime(column, unit='s')` does.
struct ToDatetimeStep: Step {
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
    var column = "timestamp"

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var frame = try context.frame(table)
        try frame.convertToTimestamps(column)
        return frame
    }
}
