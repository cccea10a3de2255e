import Outputs
import Testing
@testable import Frames
import TableSteps

@Suite("Table previews")
struct TablePreviewTests {
    /// A table of `rows` rows whose cell is 100 × row + column, as integers.
    static func grid(rows: Int, columns: Int) throws -> DataFrame {
        try DataFrame(
            names: (0..<columns).map { "c\($0)" },
            columns: (0..<columns).map { column in .ints((0..<rows).map { 100 * $0 + column }) }
        )
    }

    @Test("more than 60 rows show the first and last 5 around an ellipsis row")
    func rowElision() throws {
        let table = TablePreview().table(try Self.grid(rows: 61, columns: 2))
        #expect(table.rows.map(\.label) == ["0", "1", "2", "3", "4", "56", "57", "58", "59", "60"])
        #expect(table.rows[5].cells == ["5600", "5601"])
        #expect(table.rowEllipsisAfter == 5)
        #expect(table.columnEllipsisAfter == nil)
        #expect(table.totalRows == 61)
        #expect(table.totalColumns == 2)
        #expect(table.showsShape)
        #expect(table.shapeDescription == "61 rows × 2 columns")
    }

    @Test("60 rows or fewer are all shown, without the shape line")
    func noElision() throws {
        let table = TablePreview().table(try Self.grid(rows: 60, columns: 3))
        #expect(table.rows.count == 60)
        #expect(table.rowEllipsisAfter == nil)
        #expect(!table.showsShape)
        #expect(table.columns.map(\.name) == ["c0", "c1", "c2"])
        #expect(table.columns.allSatisfy { $0.isNumeric })
        #expect(table.hasIndex)
    }

    @Test("more than 20 columns show the first and last 10 around an ellipsis column")
    func columnElision() throws {
        let table = TablePreview().head(try Self.grid(rows: 100, columns: 21))
        #expect(table.columns.map(\.name) == (0..<10).map { "c\($0)" } + (11..<21).map { "c\($0)" })
        #expect(table.columnEllipsisAfter == 10)
        #expect(table.rows.count == 5)
        #expect(table.rows[4].cells.first == "400")
        #expect(table.rows[4].cells.last == "420")
        // pandas prints "5 rows × 21 columns" under user_movie_matrix.head(): the shape of the head.
        #expect(table.totalRows == 5)
        #expect(table.totalColumns == 21)
        #expect(table.showsShape)
        #expect(TablePreview().table(try Self.grid(rows: 1, columns: 20)).columnEllipsisAfter == nil)
    }

    @Test("thresholds are parameters; tail keeps the original row labels")
    func parameters() throws {
        let grid = try Self.grid(rows: 9, columns: 5)
        let table = TablePreview(maxRows: 8, minRows: 4, maxColumns: 3).table(grid)
        #expect(table.rows.map(\.label) == ["0", "1", "7", "8"])
        #expect(table.columns.map(\.name) == ["c0", "c4"])
        #expect(table.columnEllipsisAfter == 1)
        let tail = TablePreview().tail(grid, 2)
        #expect(tail.rows.map(\.label) == ["7", "8"])
        #expect(!tail.showsShape)
        let unlimited = TablePreview(maxRows: nil, maxColumns: nil).table(try Self.grid(rows: 70, columns: 30))
        #expect(unlimited.rows.count == 70)
        #expect(unlimited.columns.count == 30)
    }

    // Expected strings from pandas 3.1: the <td> cells of pd.DataFrame({'x': values}).to_html().
    @Test("float columns share one format, as pandas shows them", arguments: [
        ([4.0, 4.5, 3.0], ["4.0", "4.5", "3.0"]),
        ([4.428785123, 4.0], ["4.428785", "4.000000"]),
        ([1.25, .nan], ["1.25", "NaN"]),
        ([1e7, 1.5], ["10000000.0", "1.5"]),
        ([123_456_789.123, 1.5], ["1.234568e+08", "1.500000e+00"]),
        ([1e-7, 1.0], ["1.000000e-07", "1.000000e+00"]),
        ([-0.5, 2.25], ["-0.50", "2.25"]),
        ([.infinity, 1.5], ["inf", "1.5"]),
        ([0.0, 0.0], ["0.0", "0.0"]),
        ([0.1 + 0.2, 1.0], ["0.3", "1.0"]),
        ([1_234_567.5, 2.0], ["1234567.5", "2.0"]),
    ] as [([Double], [String])])
    func floatFormatting(values: [Double], expected: [String]) throws {
        let table = TablePreview().table(try DataFrame(["x": .doubles(values)]))
        #expect(table.rows.map { $0.cells[0] } == expected)
    }

    @Test("only the shown cells decide a column's format")
    func formatFromShownCells() throws {
        var values = [Double](repeating: 4.5, count: 70)
        values[30] = 4.428785  // hidden by the row ellipsis
        let table = TablePreview().table(try DataFrame(["rating": .doubles(values)]))
        #expect(table.rows.map { $0.cells[0] }.allSatisfy { $0 == "4.5" })
    }

    @Test("timestamps, strings and missing values")
    func otherCells() throws {
        // pandas: datetime64 cells show the time unless every shown one is midnight; NaT when missing.
        let frame = try DataFrame([
            "when": .timestamps([964_982_703, 951_782_400, nil]),
            "day": .timestamps([951_782_400, 1_109_635_200, nil]),
            "title": .strings(["<b>Toy & Story</b>", "x", nil]),
            "n": .ints([1, nil, -3]),
        ])
        let table = TablePreview().table(frame)
        #expect(table.rows.map(\.cells) == [
            ["2000-07-30 18:45:03", "2000-02-29", "<b>Toy & Story</b>", "1"],
            ["2000-02-29 00:00:00", "2005-03-01", "x", "NaN"],
            ["NaT", "NaT", "NaN", "-3"],
        ])
        #expect(table.columns.map(\.isNumeric) == [false, false, false, true])
    }

    /// A lazily computed users × movies table that counts the cells it is asked for.
    final class PredictionMatrix: TabularSource, @unchecked Sendable {
        var cellsRead = 0
        let rowCount = 610
        let columnCount = 9719
        var indexName: String? { "userId" }
        var columnsName: String? { "movieId" }
        func columnName(_ column: Int) -> String { String(column + 1) }
        func isNumericColumn(_ column: Int) -> Bool { true }
        func rowLabel(_ row: Int) -> TableCell { .int(row + 1) }
        func cell(row: Int, column: Int) -> TableCell {
            cellsRead += 1
            return .double(Double(row) + Double(column) / 1_000_000 + 0.25)
        }
    }

    @Test("a virtual table is previewed by reading only the shown cells")
    func virtualSource() {
        let matrix = PredictionMatrix()
        let table = TablePreview().table(matrix)
        #expect(matrix.cellsRead == 10 * 20)
        #expect(table.indexName == "userId")
        #expect(table.columnsName == "movieId")
        #expect(table.rows.map(\.label) == ["1", "2", "3", "4", "5", "606", "607", "608", "609", "610"])
        #expect(table.columns.first?.name == "1")
        #expect(table.columns.last?.name == "9719")
        #expect(table.rows[0].cells[0] == "0.25")
        #expect(table.rows[0].cells[19] == "0.259718")
        #expect(table.showsShape)
        #expect(table.shapeDescription == "610 rows × 9719 columns")
    }
}

@Suite("Indexed tables")
struct IndexedTableTests {
    @Test("null counts show as pandas shows isnull().sum()")
    func nullCountTable() throws {
        let frame = try DataFrame(["userId": .ints([1, 2]), "rating": .doubles([4, .nan])])
        let table = TablePreview().table(frame.nullCountTable())
        #expect(table.columns.map(\.name) == ["0"])
        #expect(table.rows.map(\.label) == ["userId", "rating"])
        #expect(table.rows.map(\.cells) == [["0"], ["1"]])
    }

    @Test("row labels and axis names carry into the preview")
    func labels() throws {
        let frame = try DataFrame(["1": .doubles([4, .nan]), "3": .doubles([.nan, 4.5])])
        let pivot = IndexedTable(frame: frame, rowLabels: [.int(1), .int(5)], indexName: "userId", columnsName: "movieId")
        let table = TablePreview().head(pivot)
        #expect(table.indexName == "userId")
        #expect(table.columnsName == "movieId")
        #expect(table.rows.map(\.label) == ["1", "5"])
        #expect(table.rows.map(\.cells) == [["4.0", "NaN"], ["NaN", "4.5"]])
    }
}
