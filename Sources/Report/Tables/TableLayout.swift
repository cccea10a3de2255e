import Outputs

/// A ``TableOutput`` as the three table renderers lay it out: the columns and rows to draw, in
/// order, with the ellipsis column and row in their places.
///
/// It also repairs what a producer may get wrong: an ellipsis position past the end is moved to
/// the end, rows with too few cells are padded with empty cells, and extra cells are dropped.
struct TableLayout {
    enum ColumnSlot: Equatable {
        /// The column at this index of ``TableOutput/columns``.
        case column(Int)
        case ellipsis
    }

    enum RowSlot {
        case row(TableOutput.Row)
        case ellipsis
    }

    /// The text pandas puts in every cell of an ellipsis row or column.
    static let ellipsis = "..."

    let table: TableOutput
    let columns: [ColumnSlot]
    let rows: [RowSlot]

    init(_ table: TableOutput) {
        self.table = table
        var columns = table.columns.indices.map(ColumnSlot.column)
        if let after = table.columnEllipsisAfter {
            columns.insert(.ellipsis, at: min(max(after, 0), columns.count))
        }
        self.columns = columns
        var rows = table.rows.map(RowSlot.row)
        if let after = table.rowEllipsisAfter {
            rows.insert(.ellipsis, at: min(max(after, 0), rows.count))
        }
        self.rows = rows
    }

    /// Whether a column of index labels is drawn before the data columns.
    var showsIndex: Bool {
        table.hasIndex
    }

    /// Whether a second header row carries the index name, as pandas draws a named index.
    var hasIndexNameRow: Bool {
        showsIndex && !(table.indexName ?? "").isEmpty
    }

    /// The text of the header's top-left cell: the column axis's name, if any.
    var cornerText: String {
        table.columnsName ?? ""
    }

    func name(of slot: ColumnSlot) -> String {
        switch slot {
        case .column(let index): table.columns[index].name
        case .ellipsis: Self.ellipsis
        }
    }

    func isNumeric(_ slot: ColumnSlot) -> Bool {
        switch slot {
        case .column(let index): table.columns[index].isNumeric
        case .ellipsis: false
        }
    }

    /// The text of `row`'s cell in `slot`; empty when the row is short.
    func cell(_ row: TableOutput.Row, _ slot: ColumnSlot) -> String {
        switch slot {
        case .column(let index): index < row.cells.count ? row.cells[index] : ""
        case .ellipsis: Self.ellipsis
        }
    }
}
