import Testing
@testable import NotebookMarkdown

/// Fenced code blocks: every `FencedCode` field and the block's range, counted by hand.
@Suite struct FencedCodeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var code: FencedCode
        var range: SourceRange
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "backticks with a language",
            source: "```python\nprint(1)\n```\n",
            code: FencedCode(info: "python", language: "python", literal: "print(1)\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 3)
        ),
        Case(
            name: "after front matter and a heading",
            source: "---\ntitle: x\n---\n# Steps\n\n```{load} ratings\npath: a.csv\n```\n",
            code: FencedCode(info: "{load} ratings", language: "{load}", literal: "path: a.csv\n", fenceLine: 6,
                             fenceColumn: 1, bodyFirstLine: 7, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 6, startColumn: 1, endLine: 8, endColumn: 3)
        ),
        Case(
            // Two spaces of fence indentation are removed from each body line (at most two).
            name: "indented by two spaces",
            source: "  ```svd\n  k: 3\n    nested: 1\n plus\n  ```\n",
            code: FencedCode(info: "svd", language: "svd", literal: "k: 3\n  nested: 1\nplus\n", fenceLine: 1,
                             fenceColumn: 3, bodyFirstLine: 2, bodyColumn: 3, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 3, endLine: 5, endColumn: 5)
        ),
        Case(
            name: "tildes",
            source: "Intro.\n\n~~~~ text\na ~~~ b\n~~~~\n",
            code: FencedCode(info: "text", language: "text", literal: "a ~~~ b\n", fenceLine: 3,
                             fenceColumn: 1, bodyFirstLine: 4, bodyColumn: 1, fence: "~~~~"),
            range: SourceRange(startLine: 3, startColumn: 1, endLine: 5, endColumn: 4)
        ),
        Case(
            name: "step info string",
            source: "```{svd} label=x\nk: 20\n```",
            code: FencedCode(info: "{svd} label=x", language: "{svd}", literal: "k: 20\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 3)
        ),
        Case(
            name: "info string padded with spaces",
            source: "```   python   extra  \nx\n```\n",
            code: FencedCode(info: "python   extra", language: "python", literal: "x\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 3)
        ),
        Case(
            name: "long fence around a shorter one",
            source: "`````md\n```\ninner\n```\n`````\n",
            code: FencedCode(info: "md", language: "md", literal: "```\ninner\n```\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "`````"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 5, endColumn: 5)
        ),
        Case(
            name: "empty body and no info",
            source: "```\n```\n",
            code: FencedCode(info: "", language: "", literal: "", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 2, endColumn: 3)
        ),
        Case(
            // An unclosed fence runs to the end of the document; the trailing blank line is not its end.
            name: "unclosed at the end of the file",
            source: "```yaml\na: 1\nb: 2\n\n",
            code: FencedCode(info: "yaml", language: "yaml", literal: "a: 1\nb: 2\n\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```", isClosed: false),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 4)
        ),
        Case(
            // A closing fence must be as long as the opening one; a shorter one is content.
            name: "closed only by a fence as long as its own",
            source: "````text\na\n```\n",
            code: FencedCode(info: "text", language: "text", literal: "a\n```\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "````", isClosed: false),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 3)
        ),
        Case(
            name: "closed by an indented fence with trailing spaces",
            source: "```text\na\n   ```  \n",
            code: FencedCode(info: "text", language: "text", literal: "a\n", fenceLine: 1,
                             fenceColumn: 1, bodyFirstLine: 2, bodyColumn: 1, fence: "```"),
            range: SourceRange(startLine: 1, startColumn: 1, endLine: 3, endColumn: 8)
        ),
    ]

    /// The first body line that opens another fence: the sign of a forgotten closing fence.
    @Test(arguments: [
        ("```load\na: 1\n\n```svd\nk: 2\n```\n", 4),
        ("```load\na: 1\n  ~~~ text\n```\n", nil),
        ("````load\n```svd\n````\n", nil),
        ("```load\na: 1\n```\n", nil),
    ] as [(String, Int?)])
    func lineOpeningAnotherFence(source: String, line: Int?) throws {
        let document = try MarkdownParser.parse(source, path: "code.md")
        guard case let .fencedCode(code)? = document.blocks.first?.kind else {
            Issue.record("no fenced block in \(source)")
            return
        }
        #expect(code.lineOpeningAnotherFence == line)
    }

    @Test(arguments: cases)
    func fencedCodeFieldsAndRange(_ testCase: Case) throws {
        let document = try MarkdownParser.parse(testCase.source, path: "code.md")
        let block = try #require(document.blocks.last)
        #expect(block.kind == .fencedCode(testCase.code))
        #expect(block.range == testCase.range)
    }

    @Test func indentedCodeIsNotFenced() throws {
        let document = try MarkdownParser.parse("Text.\n\n    let x = 1\n", path: "code.md")
        #expect(document.blocks.map(\.kind) == [.paragraph, .other("code_block")])
        #expect(document.blocks.last?.html == "<pre><code>let x = 1\n</code></pre>\n")
    }

    @Test func fencedCodeHTMLCarriesTheLanguage() throws {
        let document = try MarkdownParser.parse("```python\nif a < b: pass\n```\n", path: "code.md")
        #expect(document.blocks.first?.html == "<pre lang=\"python\"><code>if a &lt; b: pass\n</code></pre>\n")
    }
}
