/// One value of a table, as a preview shows it.
public enum TableCell: Hashable, Sendable {
    case int(Int)
    case double(Double)
    case string(String)
    /// Seconds since the Unix epoch.
    case timestamp(Int)
    case bool(Bool)
    case missing
}

/// Anything that can be previewed as a table, cell by cell.
///
/// A preview reads only the cells it shows, so a virtual table (a pivot, a matrix of predicted
/// ratings computed on demand, features gathered per row) can be previewed without being built
/// in full. ``DataFrame`` conforms.
public protocol TabularSource {
    /// The number of rows.
    var rowCount: Int { get }
    /// The number of columns.
    var columnCount: Int { get }
    /// The name of column `column`, as the header shows it.
    func columnName(_ column: Int) -> String
    /// Whether column `column` holds numbers (renderers right-align them).
    func isNumericColumn(_ column: Int) -> Bool
    /// The value at `row`, `column`.
    func cell(row: Int, column: Int) -> TableCell
    /// The name of the row index, shown above the row labels (pandas shows "userId" for a pivot);
    /// nil for an unnamed index. Defaults to nil.
    var indexName: String? { get }
    /// The label of row `row` in the index column. Defaults to the row's position, as pandas'
    /// default `RangeIndex` shows.
    func rowLabel(_ row: Int) -> TableCell
    /// The name of the column axis (pandas shows "movieId" above a pivot's columns); nil for none.
    /// Defaults to nil.
    var columnsName: String? { get }
}

extension TabularSource {
    public var indexName: String? { nil }
    public func rowLabel(_ row: Int) -> TableCell { .int(row) }
    public var columnsName: String? { nil }
}

extension DataFrame: TabularSource {
    public func columnName(_ column: Int) -> String { columnNames[column] }
    public func isNumericColumn(_ column: Int) -> Bool { columns[column].type.isNumeric }
    public func cell(row: Int, column: Int) -> TableCell { columns[column].cell(row) }
}
