import NotebookMarkdown
import Testing
@testable import Report

@Suite struct MarkdownSyntaxTests {
    @Test(arguments: [
        ("python", "x = 1\n", "```python\nx = 1\n```\n"),
        ("text", "no newline", "```text\nno newline\n```\n"),
        ("text", "", "```text\n```\n"),
        // A fence one longer than any run of backticks inside.
        ("text", "a\n```\nb\n", "````text\na\n```\nb\n````\n"),
        ("text", "`````", "``````text\n`````\n``````\n"),
        // An info string with a backtick needs a tilde fence.
        ("a`b", "~~~\n", "~~~~a`b\n~~~\n~~~~\n"),
    ])
    func fencedBlocks(info: String, body: String, expected: String) throws {
        let block = MarkdownSyntax.fencedBlock(info: info, body: body)
        #expect(block == expected)
        // And cmark-gfm reads back exactly the info string and body.
        let parsed = try MarkdownParser.parse(block, path: "b.md")
        guard case .fencedCode(let code)? = parsed.blocks.first?.kind else {
            Issue.record("not a fenced block: \(block)")
            return
        }
        #expect(code.info == info)
        #expect(code.literal == (body.isEmpty || body.hasSuffix("\n") ? body : body + "\n"))
    }

    @Test(arguments: [
        ("rows == 3", "`rows == 3`"),
        ("a`b", "``a`b``"),
        ("`x`", "`` `x` ``"),
        ("two\nlines", "`two lines`"),
    ])
    func codeSpans(text: String, expected: String) {
        #expect(MarkdownSyntax.codeSpan(text) == expected)
        // cmark-gfm shows the text literally.
        let html = MarkdownRenderer.html(MarkdownSyntax.codeSpan(text))
        let shown = text.replacingOccurrences(of: "\n", with: " ")
        #expect(html == "<p><code>\(shown)</code></p>\n")
    }

    @Test func inlineTextIsLiteral() {
        let text = "*not* _emphasis_ [no](link) <b>tag</b> &amp; a|b"
        #expect(MarkdownRenderer.html(MarkdownSyntax.text(text))
            == "<p>*not* _emphasis_ [no](link) &lt;b&gt;tag&lt;/b&gt; &amp;amp; a|b</p>\n")
    }

    @Test func blockQuotesPrefixEveryLine() {
        #expect(MarkdownSyntax.blockQuote("**Note:**\n\nBody\nmore\n") == "> **Note:**\n>\n> Body\n> more\n")
    }

    @Test func rawHTMLBlocksSurviveBlankLines() {
        let html = "<pre><code>a\n\nb\n</code></pre>\n"
        let block = MarkdownSyntax.rawHTMLBlock(html)
        #expect(block == "<pre><code>a\n<!-- -->\nb\n</code></pre>\n")
        let tableBlock = MarkdownSyntax.rawHTMLBlock("<ul>\n<li>\n<p>a</p>\n\n</li>\n</ul>\n")
        // One HTML block, not an HTML block followed by Markdown.
        #expect(MarkdownRenderer.html(tableBlock) == "<ul>\n<li>\n<p>a</p>\n<!-- -->\n</li>\n</ul>\n")
    }

    @Test(arguments: [
        ("ratings_files/figure-1.svg", "ratings_files/figure-1.svg"),
        ("my notebook (v2)_files/figure-1.svg", "my%20notebook%20%28v2%29_files/figure-1.svg"),
        ("café/x.svg", "caf%C3%A9/x.svg"),
    ])
    func linkDestinationsAreEncoded(path: String, expected: String) {
        #expect(MarkdownSyntax.linkDestination(path) == expected)
    }
}
