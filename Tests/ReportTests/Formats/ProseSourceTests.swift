import NotebookCore
import NotebookMarkdown
import RunModel
import Testing
@testable import Report

@Suite struct ProseSourceTests {
    private static func run(_ source: String) throws -> NotebookRun {
        let document = try MarkdownParser.parse(source, path: "n.md")
        let cells: [CellResult] = document.blocks.map { block in
            if case .fencedCode(let code) = block.kind { .code(code) } else { .prose(block) }
        }
        return NotebookRun(title: "T", path: "n.md", cells: cells,
                           provenance: Provenance(recbookVersion: "0", seed: nil, parameters: [], files: []), duration: 0)
    }

    @Test func cutsBlocksOutByTheirLines() throws {
        let source = "# Title\n\nOne *two*\nthree.\n\n- a\n- b\n\n```python\nx = 1\n```\n"
        let prose = ProseSource(run: try Self.run(source), source: source)
        #expect(prose.markdown(cell: 0) == "# Title")
        #expect(prose.markdown(cell: 1) == "One *two*\nthree.")
        #expect(prose.markdown(cell: 2) == "- a\n- b")
        #expect(prose.markdown(cell: 3) == nil)  // a code cell
        #expect(prose.definitions.isEmpty)
    }

    @Test func handlesWindowsLineEndingsAndAByteOrderMark() throws {
        let source = "\u{FEFF}Para one\r\nstill one\r\n\r\nPara two\r\n"
        let prose = ProseSource(run: try Self.run(source), source: source)
        #expect(prose.markdown(cell: 0) == "Para one\nstill one")
        #expect(prose.markdown(cell: 1) == "Para two")
    }

    @Test func keepsDefinitionsThatBelongToNoBlockButNotFrontMatter() throws {
        let source = """
            ---
            title: T
            links: [a, b]
            ---

            See [the site][site] and a note[^n].

            [site]: https://example.com
              "Example"

            ```python
            [not]: a definition
            ```

            [^n]: The note.

            """
        let run = try Self.run(source)
        let prose = ProseSource(run: run, source: source)
        #expect(prose.definitions == ["[site]: https://example.com\n  \"Example\"", "[^n]: The note."])
        #expect(prose.linkDefinitions == ["[site]: https://example.com\n  \"Example\""])
        #expect(prose.footnoteDefinitions == ["[^n]: The note."])
        // The footnote block itself is left empty: its definitions are written once, from above.
        let footnoteCell = try #require(run.cells.lastIndex { cell in
            if case .prose(let block) = cell, case .other("footnote_definition") = block.kind { true } else { false }
        })
        #expect(prose.markdown(cell: footnoteCell) == "")
    }

    @Test func withoutSourceEverythingFallsBack() throws {
        let prose = ProseSource(run: try Self.run("Text\n"), source: nil)
        #expect(prose.markdown(cell: 0) == nil)
        #expect(prose.definitions.isEmpty)
    }

    @Test func rangesOutsideTheSourceFallBack() throws {
        // The run was parsed from a longer text than the one given.
        let prose = ProseSource(run: try Self.run("\n\n\n\nLate paragraph\n"), source: "Short\n")
        #expect(prose.markdown(cell: 0) == nil)
    }
}
