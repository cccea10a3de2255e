import Foundation
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

    /// Eight columns named a…h, each 6 wide with the index ("0", "1"): 1 + 8 × (2 + 6) = 65
    /// columns in all.
    private var wide: TableOutput {
        let names = ["alpha1", "bravo2", "charl3", "delta4", "echo_5", "foxtr6", "golf_7", "hotel8"]
        return TableOutput(
            columns: names.map { .init($0, isNumeric: true) },
            rows: [
                .init(label: "0", cells: (1...8).map { String(format: "%6.2f", Double($0) / 10) }),
                .init(label: "1", cells: (1...8).map { String(format: "%6.2f", Double($0)) }),
            ]
        )
    }

    @Test func aTableThatFitsKeepsEveryColumn() {
        let lines = TerminalTableRenderer(maxWidth: 65).render(wide).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0] == "   alpha1  bravo2  charl3  delta4  echo_5  foxtr6  golf_7  hotel8")
        #expect(lines.allSatisfy { $0.count <= 65 })
    }

    // At 64 columns one must go, so pandas keeps three on each side of "...": 1 + 6 × 8 + 2 + 3
    // = 54. At 40: two each side, 1 + 4 × 8 + 5 = 38. The shape line says what was left out.
    @Test func aWideTableLosesMiddleColumnsAroundAnEllipsisAsPandasDoes() {
        #expect(TerminalTableRenderer(maxWidth: 64).render(wide) == """
               alpha1  bravo2  charl3  ...  foxtr6  golf_7  hotel8
            0    0.10    0.20    0.30  ...    0.60    0.70    0.80
            1    1.00    2.00    3.00  ...    6.00    7.00    8.00

            2 rows × 8 columns
            """)
        #expect(TerminalTableRenderer(maxWidth: 40).render(wide) == """
               alpha1  bravo2  ...  golf_7  hotel8
            0    0.10    0.20  ...    0.70    0.80
            1    1.00    2.00  ...    7.00    8.00

            2 rows × 8 columns
            """)
    }

    @Test func tooNarrowForTwoColumnsKeepsTheFirstAndTheLast() {
        let lines = TerminalTableRenderer(maxWidth: 20).render(wide).split(separator: "\n").map(String.init)
        #expect(lines[0] == "   alpha1  ...  hotel8")
    }

    // The pivot already elides its middle columns; cutting more merges into its one ellipsis.
    @Test func anElidedTableKeepsOneEllipsisColumn() {
        let lines = TerminalTableRenderer(maxWidth: 24).render(TableFixtures.pivot).split(separator: "\n").map(String.init)
        #expect(lines[0] == "movieId    1  ...  193609")
        #expect(lines[2] == "1        4.0  ...     5.0")
    }

    @Test func theOutputRendererFitsTablesToItsWidth() {
        let text = TerminalOutputRenderer(width: 40).render(.table(wide))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 40 })
        #expect(text.contains("  ...  "))
    }
}
