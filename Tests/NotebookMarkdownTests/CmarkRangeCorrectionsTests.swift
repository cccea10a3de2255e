import Testing
@testable import NotebookMarkdown

/// The block ranges cmark-gfm 0.29.0.gfm.6 reports wrongly, after repair. Each source is a case where
/// cmark's own numbers are off; the expected ranges are counted by hand.
@Suite struct CmarkRangeCorrectionsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var ranges: [SourceRange]
        var testDescription: String { name }
    }

    static func range(_ startLine: Int, _ startColumn: Int, _ endLine: Int, _ endColumn: Int) -> SourceRange {
        SourceRange(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }

    static let cases: [Case] = [
        // cmark: heading 1:1-3:9, ending inside the paragraph that follows.
        Case(name: "setext heading followed by a paragraph", source: "Title\n===\nnext para\n",
             ranges: [range(1, 1, 2, 3), range(3, 1, 3, 9)]),
        // cmark: heading 1:1-4:0.
        Case(name: "two-line setext heading followed by a blank line", source: "Multi\nline\n---\n\nafter\n",
             ranges: [range(1, 1, 3, 3), range(5, 1, 5, 5)]),
        Case(name: "setext heading at the end of the file", source: "Title\n---",
             ranges: [range(1, 1, 2, 3)]),
        // cmark: list 1:1-4:0.
        Case(name: "list followed by a whitespace-only and a blank line", source: "- a\n- b\n   \n\npara",
             ranges: [range(1, 1, 2, 3), range(5, 1, 5, 4)]),
        // cmark: thematic break 1:1-2:0.
        Case(name: "thematic break followed by a blank line", source: "***\n\nx\n",
             ranges: [range(1, 1, 1, 3), range(3, 1, 3, 1)]),
        // cmark: code block 3:5-5:0.
        Case(name: "indented code followed by blank lines", source: "x\n\n    code\n\n\n",
             ranges: [range(1, 1, 1, 1), range(3, 5, 3, 8)]),
        // cmark: paragraph 0:0-0:0, table 1:1-5:9.
        Case(name: "paragraph directly above a table",
             source: "Intro line\nmore intro\n| a | b |\n|---|---|\n| 1 | 2 |\n",
             ranges: [range(1, 1, 2, 10), range(3, 1, 5, 9)]),
        // "-|-" looks like a delimiter row, but its two cells do not match the one cell of "x" above it.
        Case(name: "paragraph with a delimiter-like line above a table",
             source: "x\n-|-\n| a | b |\n|---|---|\n",
             ranges: [range(1, 1, 2, 3), range(3, 1, 4, 9)]),
        Case(name: "indented paragraph directly above a table", source: "  para\n  | a |\n  |---|\n",
             ranges: [range(1, 3, 1, 6), range(2, 3, 3, 7)]),
        Case(name: "escaped pipe in the header row", source: "Intro\n| a \\| b |\n|---|\n",
             ranges: [range(1, 1, 1, 5), range(2, 1, 3, 5)]),
        // cmark: definition 3:7-3:14, starting after its label ("[^n]: the note" is 14 bytes).
        Case(name: "footnote definition", source: "text[^n]\n\n[^n]: the note\n",
             ranges: [range(1, 1, 1, 8), range(3, 1, 3, 14)]),
    ]

    @Test(arguments: cases)
    func repairedRanges(_ testCase: Case) throws {
        let document = try MarkdownParser.parse(testCase.source, path: "ranges.md")
        #expect(document.blocks.map(\.range) == testCase.ranges)
    }

    @Test func paragraphAboveTableKeepsItsHTML() throws {
        let document = try MarkdownParser.parse("Intro\n| a |\n|---|\n", path: "ranges.md")
        #expect(document.blocks.map(\.kind) == [.paragraph, .table])
        #expect(document.blocks.first?.html == "<p>Intro</p>\n")
    }
}
