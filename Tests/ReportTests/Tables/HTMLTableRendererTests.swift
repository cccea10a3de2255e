import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Outputs
import Testing
@testable import Report

@Suite struct HTMLTableRendererTests {
    /// The renderer writes a fragment (the scrolling wrapper, then the shape line); a root
    /// element makes it a document.
    private func tree(_ table: TableOutput) throws -> XMLTree {
        try XMLTree("<root>" + HTMLTableRenderer.render(table) + "</root>")
    }

    private func cells(_ row: XMLNode) -> [String] {
        (row.children ?? []).compactMap { $0 as? XMLElement }.map { $0.stringValue ?? "" }
    }

    @Test func elidedPivotLooksLikePandas() throws {
        let tree = try tree(TableFixtures.pivot)
        #expect(try tree.nodes("/root/div[@class='table-scroll']/table[@class='dataframe']").count == 1)

        // Header: the column axis's name in the corner, then the columns with an ellipsis column
        // after the second; a second row carries the index name.
        let headerRows = try tree.nodes("//thead/tr")
        #expect(headerRows.count == 2)
        #expect(cells(headerRows[0]) == ["movieId", "1", "2", "...", "193609"])
        #expect(cells(headerRows[1]) == ["userId", "", "", "", ""])

        // Body: first row, ellipsis row, last row; the index is a <th>, data cells are <td>.
        let bodyRows = try tree.nodes("//tbody/tr")
        #expect(bodyRows.count == 3)
        #expect(cells(bodyRows[0]) == ["1", "4.0", "", "...", "5.0"])
        #expect(cells(bodyRows[1]) == ["...", "...", "...", "...", "..."])
        #expect((bodyRows[1] as? XMLElement)?.attributeValue("class") == "ellipsis")
        #expect(cells(bodyRows[2]) == ["610", "", "3.5", "...", ""])
        #expect(try tree.strings("//tbody/tr/th") == ["1", "...", "610"])

        // Numeric columns are marked for right alignment; the ellipsis column is marked as such.
        #expect(try tree.strings("//tbody/tr[1]/td/@class") == ["num", "num", "ellipsis", "num"])
        #expect(try tree.strings("//p[@class='table-shape']") == ["610 rows × 9719 columns"])
    }

    @Test func unnamedIndexHasABlankCornerAndOneHeaderRow() throws {
        let tree = try tree(TableFixtures.movies)
        let headerRows = try tree.nodes("//thead/tr")
        #expect(headerRows.count == 1)
        #expect(cells(headerRows[0]) == ["", "movieId", "title"])
        #expect(try tree.strings("//tbody/tr[1]/td/@class") == ["num"])
    }

    @Test func tableWithoutIndexHasNoIndexCells() throws {
        var table = TableFixtures.movies
        table.hasIndex = false
        table.showsShape = false
        let tree = try tree(table)
        #expect(try tree.nodes("//tbody//th").isEmpty)
        #expect(cells(try #require(try tree.nodes("//thead/tr").first)) == ["movieId", "title"])
        #expect(try tree.nodes("//p").isEmpty)
    }

    @Test func cellsAndNamesAreEscaped() throws {
        let hostile = "</td></tr></table><script>alert('x')</script>"
        let table = TableOutput(indexName: hostile, columns: [.init(hostile)], rows: [.init(label: hostile, cells: [hostile])])
        let html = HTMLTableRenderer.render(table)
        #expect(!html.contains("<script"))
        let tree = try tree(table)
        #expect(try tree.nodes("//script").isEmpty)
        #expect(try tree.strings("//tbody/tr/td") == [hostile])
        #expect(try tree.strings("//tbody/tr/th") == [hostile])
    }

    @Test func shortRowsArePaddedAndOutOfRangeEllipsesClamped() throws {
        let table = TableOutput(
            columns: [.init("a"), .init("b"), .init("c")],
            rows: [.init(label: "0", cells: ["only"]), .init(label: "1", cells: ["x", "y", "z", "extra"])],
            columnEllipsisAfter: 99,
            rowEllipsisAfter: -3
        )
        let tree = try tree(table)
        let rows = try tree.nodes("//tbody/tr")
        #expect(rows.count == 3)
        #expect(cells(rows[0]) == ["...", "...", "...", "...", "..."])
        #expect(cells(rows[1]) == ["0", "only", "", "", "..."])
        #expect(cells(rows[2]) == ["1", "x", "y", "z", "..."])
    }
}
