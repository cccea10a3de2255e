import RecbookSupport
import Testing
@testable import NotebookMarkdown

/// Block kinds, headings and whole-document behaviour. Every expected range was counted by hand from
/// the source text: lines and columns are 1-based, the end is inclusive, and columns count UTF-8 bytes.
@Suite struct MarkdownParserTests {
    /// One block of each kind, separated by blank lines.
    static let everyKind = """
        # Title

        Para one
        line two

        - a
        - b

        > quote

        ***

        <div>
        </div>

        | a | b |
        |---|---|
        | 1 | 2 |

            indented
        """

    @Test(arguments: [
        (0, MarkdownBlock.Kind.heading(level: 1, text: "Title", inlineHTML: "Title"),
         SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 7)),
        (1, .paragraph, SourceRange(startLine: 3, startColumn: 1, endLine: 4, endColumn: 8)),
        (2, .list, SourceRange(startLine: 6, startColumn: 1, endLine: 7, endColumn: 3)),
        (3, .blockQuote, SourceRange(startLine: 9, startColumn: 1, endLine: 9, endColumn: 7)),
        (4, .thematicBreak, SourceRange(startLine: 11, startColumn: 1, endLine: 11, endColumn: 3)),
        (5, .htmlBlock, SourceRange(startLine: 13, startColumn: 1, endLine: 14, endColumn: 6)),
        (6, .table, SourceRange(startLine: 16, startColumn: 1, endLine: 18, endColumn: 9)),
        // An indented code block starts where its text does, after the four spaces.
        (7, .other("code_block"), SourceRange(startLine: 20, startColumn: 5, endLine: 20, endColumn: 12)),
    ])
    func blockKindAndRange(index: Int, kind: MarkdownBlock.Kind, range: SourceRange) throws {
        let document = try MarkdownParser.parse(Self.everyKind, path: "kinds.md")
        #expect(document.blocks.count == 8)
        let block = try #require(document.blocks.dropFirst(index).first)
        #expect(block.kind == kind)
        #expect(block.range == range)
    }

    @Test func documentKeepsPathAndHasNoFrontMatterWithoutOne() throws {
        let document = try MarkdownParser.parse("Just prose.\n", path: "notes/prose.md")
        #expect(document.path == "notes/prose.md")
        #expect(document.frontMatter == nil)
        #expect(document.blocks.map(\.html) == ["<p>Just prose.</p>\n"])
    }

    @Test(arguments: ["", "\n", "\n\n   \n\t\n", "\u{FEFF}", "\r\n\r\n"])
    func emptyDocumentHasNoBlocks(text: String) throws {
        let document = try MarkdownParser.parse(text, path: "empty.md")
        #expect(document.frontMatter == nil)
        #expect(document.blocks.isEmpty)
    }

    @Test(arguments: [
        // (source, level, plain text, inline HTML)
        ("# Plain", 1, "Plain", "Plain"),
        ("## The `svd` step", 2, "The svd step", "The <code>svd</code> step"),
        ("### *Emphasis* and **strong**", 3, "Emphasis and strong", "<em>Emphasis</em> and <strong>strong</strong>"),
        ("#### A [link](https://x.org) & <b>raw</b>", 4, "A link & raw",
         "A <a href=\"https://x.org\">link</a> &amp; <b>raw</b>"),
        ("##### ~~old~~ new", 5, "old new", "<del>old</del> new"),
        ("###### Closed #####", 6, "Closed", "Closed"),
        ("Setext *one*\nsecond line\n===", 1, "Setext one second line", "Setext <em>one</em>\nsecond line"),
        ("Setext two\n---", 2, "Setext two", "Setext two"),
        ("# Héllo wörld 🎉", 1, "Héllo wörld 🎉", "Héllo wörld 🎉"),
    ])
    func headingTextAndInlineHTML(source: String, level: Int, text: String, inlineHTML: String) throws {
        let document = try MarkdownParser.parse(source, path: "heading.md")
        #expect(document.blocks.count == 1)
        let block = try #require(document.blocks.first)
        #expect(block.kind == .heading(level: level, text: text, inlineHTML: inlineHTML))
        #expect(block.html == "<h\(level)>\(inlineHTML)</h\(level)>\n")
    }

    @Test func unicodeColumnsCountUTF8Bytes() throws {
        // "# Héllo wörld 🎉": "# " 2 + "Héllo" 6 + " " 1 + "wörld" 6 + " " 1 + "🎉" 4 = 20 bytes.
        // "Ünïcode — text": "Ünïcode" 9 + " " 1 + "—" 3 + " text" 5 = 18 bytes.
        let document = try MarkdownParser.parse("# Héllo wörld 🎉\n\nÜnïcode — text\n", path: "u.md")
        #expect(document.blocks.map(\.range) == [
            SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 20),
            SourceRange(startLine: 3, startColumn: 1, endLine: 3, endColumn: 18),
        ])
        #expect(document.blocks.last?.html == "<p>Ünïcode — text</p>\n")
    }

    @Test func crlfInputParsesLikeLFInput() throws {
        let lf = "---\ntitle: x\n---\n# Title\n\nSome *prose*\nover two lines.\n\n```python\nx = 1\n```\n"
        let crlf = lf.replacing("\n", with: "\r\n")
        #expect(crlf.utf8.filter { $0 == UInt8(ascii: "\r") }.count == 11)
        let fromCRLF = try MarkdownParser.parse(crlf, path: "win.md")
        let fromLF = try MarkdownParser.parse(lf, path: "win.md")
        #expect(fromCRLF.frontMatter == fromLF.frontMatter)
        #expect(fromCRLF.blocks == fromLF.blocks)
        #expect(fromCRLF.frontMatter?.yaml == "title: x\n")
        #expect(fromCRLF.blocks.map(\.range) == [
            SourceRange(startLine: 4, startColumn: 1, endLine: 4, endColumn: 7),
            SourceRange(startLine: 6, startColumn: 1, endLine: 7, endColumn: 15),
            SourceRange(startLine: 9, startColumn: 1, endLine: 11, endColumn: 3),
        ])
        guard case .fencedCode(let code) = fromCRLF.blocks.last?.kind else {
            Issue.record("expected a fenced code block")
            return
        }
        #expect(code.literal == "x = 1\n")
        #expect(!fromCRLF.blocks.contains { $0.html.contains("\r") })
    }

    @Test func loneCarriageReturnsEndLines() throws {
        let document = try MarkdownParser.parse("first\rsecond\r\rthird", path: "mac.md")
        #expect(document.blocks.map(\.range) == [
            SourceRange(startLine: 1, startColumn: 1, endLine: 2, endColumn: 6),
            SourceRange(startLine: 4, startColumn: 1, endLine: 4, endColumn: 5),
        ])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let document = try MarkdownParser.parse("\u{FEFF}# Title\n", path: "bom.md")
        #expect(document.blocks.map(\.kind) == [.heading(level: 1, text: "Title", inlineHTML: "Title")])
        #expect(document.blocks.first?.range == SourceRange(startLine: 1, startColumn: 1, endLine: 1, endColumn: 7))
    }

    @Test func codeNestedInAListOrQuoteIsPartOfItsBlock() throws {
        let source = "- item\n\n  ```python\n  x = 1\n  ```\n\n> ```\n> quoted\n> ```\n"
        let document = try MarkdownParser.parse(source, path: "nested.md")
        #expect(document.blocks.map(\.kind) == [.list, .blockQuote])
        #expect(document.blocks.first?.html.contains("<pre lang=\"python\"><code>x = 1\n</code></pre>") == true)
        #expect(document.blocks.last?.html.contains("<pre><code>quoted\n</code></pre>") == true)
    }

    @Test func footnoteDefinitionsFormOneFinalBlock() throws {
        // cmark moves the definitions to the end, in order of first reference.
        let source = "Text[^b] and[^a].\n\n[^a]: First note.\n[^b]: Second note.\n\nAfter.\n"
        let document = try MarkdownParser.parse(source, path: "notes.md")
        #expect(document.blocks.map(\.kind) == [.paragraph, .paragraph, .other("footnote_definition")])
        let footnotes = try #require(document.blocks.last)
        // From the "[^a]:" label on line 3 to the end of "[^b]: Second note." (18 bytes) on line 4.
        #expect(footnotes.range == SourceRange(startLine: 3, startColumn: 1, endLine: 4, endColumn: 18))
        #expect(footnotes.html.ranges(of: "<section").count == 1)
        let b = try #require(footnotes.html.firstRange(of: "<li id=\"fn-b\">"))
        let a = try #require(footnotes.html.firstRange(of: "<li id=\"fn-a\">"))
        #expect(b.lowerBound < a.lowerBound)
        #expect(document.blocks.first?.html.contains("href=\"#fn-b\"") == true)
    }

    @Test(arguments: [
        String(repeating: ">", count: 5_000) + " deep",
        String(repeating: "- ", count: 2_000) + "deep",
        "# " + String(repeating: "*a ", count: 5_000) + String(repeating: "*", count: 5_000),
        String(repeating: "[", count: 10_000) + String(repeating: "](x)", count: 10_000),
        "\u{0}nul\u{0}",
        "\u{FFFF}\u{10FFFF}",
    ])
    func hostileInputDoesNotCrash(source: String) throws {
        let document = try MarkdownParser.parse(source, path: "hostile.md")
        #expect(!document.blocks.isEmpty)
        for block in document.blocks {
            #expect(block.range.startLine >= 1 && block.range.startColumn >= 1)
            #expect(block.range.endLine >= block.range.startLine)
        }
    }
}
