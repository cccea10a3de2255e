import Outputs
import Testing
@testable import Report

@Suite struct TerminalTableRendererTests {
    // Column widths: index 4 ("9741"), movieId 7 (its name), title 35 (the longest title). The
    // index is left-aligned, movieId (numeric) right-aligned, title left-aligned, two spaces apart.
    @Test func alignsColumnsAndElidesLikePandas() {
        #expect(TerminalTableRenderer().render(TableFixtures.movies) == """
                  movieId  title
            0           1  Toy Story (1995)
            ...       ...  ...
            9741   193609  Andrew Dice Clay: Dice Rules (1991)

            9742 rows × 2 columns
            """)
    }

    // Numeric columns are three wide ("4.0", "..."), so the header "1" is right-aligned in three.
    @Test func pivotShowsBothAxisNames() {
        let lines = TerminalTableRenderer().render(TableFixtures.pivot).split(separator: "\n").map(String.init)
        #expect(lines[0] == "movieId    1    2  ...  193609")
        #expect(lines[1] == "userId")
        #expect(lines[2] == "1        4.0       ...     5.0")
        #expect(lines[3] == "...      ...  ...  ...     ...")
        #expect(lines.last == "610 rows × 9719 columns")
    }

    @Test func longCellsAreCutWithAnEllipsisAndLineBreaksFlattened() {
        let table = TableOutput(hasIndex: false, columns: [.init("title")], rows: [
            .init(cells: ["Andrew Dice Clay: Dice Rules (1991)"]), .init(cells: ["two\nlines"]),
        ])
        #expect(TerminalTableRenderer(maxCellWidth: 10).render(table) == """
            title
            Andrew Di…
            two lines
            """)
    }

    @Test func wideCharactersKeepColumnsAligned() {
        let table = TableOutput(hasIndex: false, columns: [.init("title"), .init("n", isNumeric: true)], rows: [
            .init(cells: ["東京物語", "1"]), .init(cells: ["Up", "22"]),
        ])
        // 東京物語 takes 8 columns, so "Up" is padded to 8 as well.
        #expect(TerminalTableRenderer().render(table) == """
            title      n
            東京物語   1
            Up        22
            """)
    }
}
