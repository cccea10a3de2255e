import Frames
import Outputs

/// Builds pandas-style previews (the look of `DataFrame._repr_html_`) of any ``TabularSource``.
///
/// A long table shows its first and last rows around an ellipsis row, a wide one its first and
/// last columns around an ellipsis column, with pandas' thresholds by default: more than
/// `display.max_rows` (60) rows show `display.min_rows` (10), five at each end; more than
/// `display.max_columns` (20) columns show ten at each end. Only the shown cells are read.
public struct TablePreview: Hashable, Sendable {
    /// Tables with more rows than this are cut (pandas' `display.max_rows`); nil never cuts.
    public var maxRows: Int?
    /// How many rows a cut table shows, half at each end (pandas' `display.min_rows`).
    public var minRows: Int
    /// Tables with more columns than this are cut to this many, half at each end (pandas'
    /// `display.max_columns`); nil never cuts.
    public var maxColumns: Int?

    public init(maxRows: Int? = 60, minRows: Int = 10, maxColumns: Int? = 20) {
        self.maxRows = maxRows
        self.minRows = minRows
        self.maxColumns = maxColumns
    }

    /// The preview of the whole table, as a notebook shows `df`.
    public func table(_ source: some TabularSource) -> TableOutput {
        preview(source, rows: 0..<source.rowCount)
    }

    /// The preview of the first `count` rows, as a notebook shows `df.head(count)`.
    public func head(_ source: some TabularSource, _ count: Int = 5) -> TableOutput {
        preview(source, rows: 0..<min(max(count, 0), source.rowCount))
    }

    /// The preview of the last `count` rows, as a notebook shows `df.tail(count)`.
    public func tail(_ source: some TabularSource, _ count: Int = 5) -> TableOutput {
        preview(source, rows: max(source.rowCount - max(count, 0), 0)..<source.rowCount)
    }

    /// Previews the rows `rows` of `source`, as pandas displays the frame `source.iloc[rows]`.
    private func preview(_ source: some TabularSource, rows: Range<Int>) -> TableOutput {
        // pandas shows min_rows of a cut table, or max_rows when min_rows is zero.
        let rowsWhenCut = minRows > 0 ? minRows : (maxRows ?? 0)
        let (shownRows, rowEllipsisAfter) = Self.cut(rows, limit: maxRows, shownWhenCut: rowsWhenCut)
        let (shownColumns, columnEllipsisAfter) = Self.cut(0..<source.columnCount, limit: maxColumns, shownWhenCut: maxColumns ?? 0)

        let cellColumns = shownColumns.map { column in
            CellFormatting.format(shownRows.map { source.cell(row: $0, column: column) })
        }
        let labels = CellFormatting.format(shownRows.map(source.rowLabel))
        let tableRows = shownRows.indices.map { position in
            TableOutput.Row(label: labels[position], cells: cellColumns.map { $0[position] })
        }
        return TableOutput(
            indexName: source.indexName,
            hasIndex: true,
            columnsName: source.columnsName,
            columns: shownColumns.map { TableOutput.Column(source.columnName($0), isNumeric: source.isNumericColumn($0)) },
            rows: tableRows,
            columnEllipsisAfter: columnEllipsisAfter,
            rowEllipsisAfter: rowEllipsisAfter,
            totalRows: rows.count,
            totalColumns: source.columnCount,
            showsShape: rowEllipsisAfter != nil || columnEllipsisAfter != nil
        )
    }

    /// pandas' truncation of one axis: beyond `limit` items, show `shownWhenCut / 2` from each end
    /// (or, when that is zero, the first `limit`).
    ///
    /// - Returns: the items shown and the number shown before the ellipsis, nil when nothing was cut.
    /// Only the items shown are listed: a preview of a table of 10 M rows had made an array of its
    /// 10 M row numbers and walked it (30 ms).
    private static func cut(_ items: Range<Int>, limit: Int?, shownWhenCut: Int) -> (shown: [Int], ellipsisAfter: Int?) {
        guard let limit, items.count > limit else { return (Array(items), nil) }
        let half = min(shownWhenCut, limit) / 2
        guard half >= 1 else { return (Array(items.lowerBound..<(items.lowerBound + limit)), limit) }
        // Ranges, not `prefix` and `suffix` on the items: in an expression of arrays, `suffix`
        // was Sequence's, which walks every item.
        return (Array(items.lowerBound..<(items.lowerBound + half)) + Array((items.upperBound - half)..<items.upperBound), half)
    }
}
