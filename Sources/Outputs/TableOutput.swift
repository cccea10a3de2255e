/// A rectangular preview of a table, already cut down to the rows and columns to show.
///
/// Like pandas' display, a long table shows its head and tail with an ellipsis row between, and
/// a wide one its first and last columns with an ellipsis column between. `shape` keeps the full
/// size so renderers can print "9742 rows × 3 columns".
public struct TableOutput: Hashable, Sendable, Codable {
    public struct Column: Hashable, Sendable, Codable {
        public var name: String
        /// Numeric columns are right-aligned.
        public var isNumeric: Bool

        public init(_ name: String, isNumeric: Bool = false) {
            self.name = name
            self.isNumeric = isNumeric
        }
    }

    public struct Row: Hashable, Sendable, Codable {
        /// The index label shown in the first column (pandas' row index), if the table has one.
        public var label: String?
        /// Display strings, one per column in `columns`.
        public var cells: [String]

        public init(label: String? = nil, cells: [String]) {
            self.label = label
            self.cells = cells
        }
    }

    /// Title of the index column, for example "userId" in a pivot; empty when the index is unnamed.
    public var indexName: String?
    /// Whether rows carry index labels.
    public var hasIndex: Bool
    /// The name of the column axis, shown above the index column (pandas shows "movieId" over
    /// a pivot's columns); nil for none.
    public var columnsName: String?
    public var columns: [Column]
    public var rows: [Row]
    /// An ellipsis column is drawn after this many columns, when some were left out.
    public var columnEllipsisAfter: Int?
    /// An ellipsis row is drawn after this many rows, when some were left out.
    public var rowEllipsisAfter: Int?
    /// The full table's size, before elision.
    public var totalRows: Int
    public var totalColumns: Int
    /// Whether to print the "N rows × M columns" line under the table (pandas prints it for
    /// elided frames only).
    public var showsShape: Bool
    public var caption: String?
    /// A name prose can refer to as `@tbl-NAME`.
    public var label: String?

    public init(
        indexName: String? = nil,
        hasIndex: Bool = true,
        columnsName: String? = nil,
        columns: [Column],
        rows: [Row],
        columnEllipsisAfter: Int? = nil,
        rowEllipsisAfter: Int? = nil,
        totalRows: Int? = nil,
        totalColumns: Int? = nil,
        showsShape: Bool = false,
        caption: String? = nil,
        label: String? = nil
    ) {
        self.indexName = indexName
        self.hasIndex = hasIndex
        self.columnsName = columnsName
        self.columns = columns
        self.rows = rows
        self.columnEllipsisAfter = columnEllipsisAfter
        self.rowEllipsisAfter = rowEllipsisAfter
        self.totalRows = totalRows ?? rows.count
        self.totalColumns = totalColumns ?? columns.count
        self.showsShape = showsShape
        self.caption = caption
        self.label = label
    }

    /// "9742 rows × 3 columns", as pandas words it.
    public var shapeDescription: String {
        "\(totalRows) rows × \(totalColumns) columns"
    }
}
