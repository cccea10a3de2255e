import Frames
import NotebookCore

/// One row per part of a delimited string: `df.assign(c=df[c].str.split(sep)).explode(c)`.
struct ExplodeStep: TableVerb {
    static let name = "explode"
    static let category = "Table verbs"
    static let summary = "Split a string column at a separator into one row per part, like pandas' explode."
    static let discussion = """
    Other columns are repeated on each part's row. An empty string or a missing value gives one \
    row with a missing value (pandas' explode of an empty list gives NaN); empty parts between \
    two separators are kept as empty strings. MovieLens genres (`Comedy|Drama`) explode with the \
    default separator.
    """
    static let example = "table: movies\ncolumn: genres\ninto: genre\nas: movie_genres"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The table."),
        .parameter(\.column, "column", doc: "The string column to split.", required: true),
        .parameter(\.separator, "separator", doc: "Where to split.", nonEmpty),
        .parameter(\.into, "into", doc: "The column the parts go into, added at the end; by default they replace `column`."),
        .parameter(\.trim, "trim", doc: "Remove white space around each part."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    static let nonEmpty = Constraint<String>("not empty") { $0.isEmpty ? "must not be empty" : nil }

    var table = ValueRef()
    var column = ColumnName()
    var separator = "|"
    var into: String?
    var trim = false
    var preview: Preview = .table

    func outputSchema(for input: TableSchema, _ context: AnalysisContext) -> TableSchema? {
        column.check(in: input, types: [.string], context, need: "explode splits strings")
        if let into, into != column.name, input.contains(into) {
            context.error("the table has a column '\(into)' already", at: context.location(ofParameter: "into"), id: "duplicate-column")
        }
        return input.setting(into ?? column.name, .string)
    }

    func apply(to frame: DataFrame, in context: StepContext) throws -> DataFrame {
        try frame.exploded(column.name, separator: separator, into: into, trim: trim)
    }
}
