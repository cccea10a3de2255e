import RecbookSupport
import Testing
@testable import NotebookMarkdown

/// Front matter extraction: the YAML text, its first line, the delimited range, and the blocks after it.
@Suite struct FrontMatterTests {
    @Test func extractsYAMLAndKeepsFileLineNumbers() throws {
        let source = "---\ntitle: Movies\nseed: 42\n---\n# Heading\n"
        let document = try MarkdownParser.parse(source, path: "nb.md")
        let frontMatter = try #require(document.frontMatter)
        #expect(frontMatter.yaml == "title: Movies\nseed: 42\n")
        #expect(frontMatter.firstLine == 2)
        #expect(frontMatter.range == SourceRange(startLine: 1, startColumn: 1, endLine: 4, endColumn: 3))
        #expect(document.blocks.map(\.range) == [SourceRange(startLine: 5, startColumn: 1, endLine: 5, endColumn: 9)])
    }

    @Test(arguments: [
        // (source, YAML, range end line, range end column, number of blocks after it)
        ("---\na: 1\n...\nText", "a: 1\n", 3, 3, 1),
        ("---\na: 1\n---   \nText", "a: 1\n", 3, 6, 1),
        ("---  \na: 1\n...\t\n", "a: 1\n", 3, 4, 0),
        ("---\n---\n", "", 2, 3, 0),
        ("---\na: 1\n---", "a: 1\n", 3, 3, 0),
        ("---\nlist:\n  - x\n\n  - y\n---\n\n- item\n", "list:\n  - x\n\n  - y\n", 6, 3, 1),
        ("\u{FEFF}---\nname: bom\n---\n", "name: bom\n", 3, 3, 0),
        ("---\r\na: 1\r\nb: 2\r\n---\r\nText\r\n", "a: 1\nb: 2\n", 4, 3, 1),
        ("---\ntitle: Ünïcode ✓\n---\n", "title: Ünïcode ✓\n", 3, 3, 0),
    ])
    func delimitersAndYAML(source: String, yaml: String, endLine: Int, endColumn: Int, blockCount: Int) throws {
        let document = try MarkdownParser.parse(source, path: "nb.md")
        let frontMatter = try #require(document.frontMatter)
        #expect(frontMatter.yaml == yaml)
        #expect(frontMatter.firstLine == 2)
        #expect(frontMatter.range == SourceRange(startLine: 1, startColumn: 1, endLine: endLine, endColumn: endColumn))
        #expect(document.blocks.count == blockCount)
        #expect(document.blocks.allSatisfy { $0.range.startLine > endLine })
    }

    @Test func documentWithOnlyFrontMatterHasNoBlocks() throws {
        let document = try MarkdownParser.parse("---\ntitle: Empty\n---\n", path: "nb.md")
        #expect(document.frontMatter?.yaml == "title: Empty\n")
        #expect(document.blocks.isEmpty)
    }

    @Test(arguments: [
        "# Title\n---\na: 1\n---\n",  // not on the first line
        "----\na: 1\n----\n",         // four dashes
        " ---\na: 1\n---\n",          // indented
        "--- x\na: 1\n---\n",         // text after the dashes
        "\n---\na: 1\n---\n",         // a blank first line
    ])
    func notFrontMatter(source: String) throws {
        let document = try MarkdownParser.parse(source, path: "nb.md")
        #expect(document.frontMatter == nil)
        #expect(!document.blocks.isEmpty)
    }

    @Test(arguments: [
        "---\ntitle: x\n\n# Heading\n",
        "---",
        "---\n",
        "---\na: 1\n----\n",
        "---\na: 1\n ---\n",
        "\u{FEFF}---\r\na: 1\r\n",
    ])
    func unterminatedFrontMatterIsAnErrorAtTheOpeningLine(source: String) {
        let expected = MarkdownError(
            location: SourceLocation(file: "notebooks/nb.md", line: 1, column: 1),
            message: "front matter starting here is not closed by a '---' line"
        )
        #expect(throws: expected) { try MarkdownParser.parse(source, path: "notebooks/nb.md") }
        #expect(expected.description == "notebooks/nb.md:1:1: error: front matter starting here is not closed by a '---' line")
    }
}
