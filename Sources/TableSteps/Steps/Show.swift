import Frames
import NotebookCore

/// Previews any table-like value the way pandas displays it.
struct ShowStep: Step {
    static let name = "show"
    static let category = "Data"
    static let summary = "Preview a table, matrix or predicted ratings, like pandas' display."
    static let discussion = """
    Long tables show their first and last rows with an ellipsis row between (pandas shows 5 + 5 \
    once a table has more than 60 rows), wide ones their first and last columns. Only the cells \
    shown are computed, so previewing a factorisation's predicted ratings costs nothing.
    """
    static let example = "table: ratings\nmode: head\nrows: 5"
    static let produces: ValueKind? = nil
    /// The most rows a preview shows: a report is read, not searched.
    static let rowLimit = 10_000
    /// The most columns a preview shows.
    static let columnLimit = 1_000
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .tabular, doc: "What to preview."),
        .parameter(\.mode, "mode", doc: "'table' shows head and tail like pandas; 'head' and 'tail' show `rows` rows."),
        .parameter(\.rows, "rows", doc: "Rows for 'head' and 'tail'.", .inRange(0...Self.rowLimit)),
        .parameter(\.maxRows, "max_rows", doc: "Longer tables are cut to head and tail (pandas' display.max_rows).", .inRange(1...Self.rowLimit)),
        .parameter(\.minRows, "min_rows", doc: "Rows shown of a cut table (pandas' display.min_rows).", .inRange(0...Self.rowLimit)),
        .parameter(\.maxColumns, "max_columns", doc: "Wider tables show their first and last columns (pandas' display.max_columns).", .inRange(1...Self.columnLimit)),
    ]

    enum Mode: String, ChoiceParameter { case table, head, tail }

    var table = ValueRef()
    var mode: Mode = .table
    var rows = 5
    var maxRows = 60
    var minRows = 10
    var maxColumns = 20

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let value = try context.value(table, as: (any TabularValue).self)
        let preview = TablePreview(maxRows: maxRows, minRows: minRows, maxColumns: maxColumns)
        let source = value.tabular
        switch mode {
        case .table: context.emit(.table(preview.table(source)))
        case .head: context.emit(.table(preview.head(source, rows)))
        case .tail: context.emit(.table(preview.tail(source, rows)))
        }
        return nil
    }
}
