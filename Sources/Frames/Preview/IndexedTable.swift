/// A table with row labels and axis names, as pandas shows a Series (`ratings.isnull().sum()`)
/// or a frame after `set_index`: a ``DataFrame`` for the cells and an index beside it.
public struct IndexedTable: TabularSource, Sendable {
    public var frame: DataFrame
    /// One label per row of `frame`.
    public var rowLabels: [TableCell]
    public var indexName: String?
    public var columnsName: String?

    /// - Precondition: `rowLabels` has one label per row of `frame`.
    public init(frame: DataFrame, rowLabels: [TableCell], indexName: String? = nil, columnsName: String? = nil) {
        precondition(rowLabels.count == frame.rowCount, "one row label per row")
        self.frame = frame
        self.rowLabels = rowLabels
        self.indexName = indexName
        self.columnsName = columnsName
    }

    public var rowCount: Int { frame.rowCount }
    public var columnCount: Int { frame.columnCount }
    public func columnName(_ column: Int) -> String { frame.columnName(column) }
    public func isNumericColumn(_ column: Int) -> Bool { frame.isNumericColumn(column) }
    public func cell(row: Int, column: Int) -> TableCell { frame.cell(row: row, column: column) }
    public func rowLabel(_ row: Int) -> TableCell { rowLabels[row] }
}

extension DataFrame {
    /// The number of missing values per column as a one-column table indexed by column name,
    /// as a notebook shows pandas' `df.isnull().sum()` (a Series whose values column is "0").
    public func nullCountTable() -> IndexedTable {
        let counts = nullCounts()
        // One column of as many values as there are labels: the initializer cannot fail.
        let frame = (try? DataFrame(names: ["0"], columns: [.ints(counts.map(\.count))])) ?? DataFrame()
        return IndexedTable(frame: frame, rowLabels: counts.map { .string($0.column) })
    }
}
