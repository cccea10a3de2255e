import Testing
@testable import NotebookMarkdown

/// The GFM extensions and options, checked on exact HTML written by hand from the GFM spec.
@Suite struct MarkdownRendererTests {
    @Test(arguments: [
        // (Markdown, expected HTML)
        ("~~gone~~ stays", "<p><del>gone</del> stays</p>\n"),
        ("see www.example.com now", "<p>see <a href=\"http://www.example.com\">www.example.com</a> now</p>\n"),
        ("at https://grouplens.org/datasets.", "<p>at <a href=\"https://grouplens.org/datasets\">https://grouplens.org/datasets</a>.</p>\n"),
        ("mail me@example.com", "<p>mail <a href=\"mailto:me@example.com\">me@example.com</a></p>\n"),
        // tagfilter: the `<` of a filtered tag is escaped, whether the tag is a block or inline.
        ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>\n"),
        ("a <iframe src=x> b", "<p>a &lt;iframe src=x> b</p>\n"),
        // Other raw HTML passes through (CMARK_OPT_UNSAFE).
        ("<div class=\"note\">kept</div>", "<div class=\"note\">kept</div>\n"),
        ("a <span title=\"t\">b</span>", "<p>a <span title=\"t\">b</span></p>\n"),
        ("- [x] done\n- [ ] todo",
         "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n"
            + "<li><input type=\"checkbox\" disabled=\"\" /> todo</li>\n</ul>\n"),
        ("| a | b |\n|:--|--:|\n| 1 | 2 |",
         "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n"
            + "<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"),
        ("```swift\nlet x = 1\n```", "<pre lang=\"swift\"><code>let x = 1\n</code></pre>\n"),
        ("", ""),
    ])
    func rendersSnippet(markdown: String, html: String) {
        #expect(MarkdownRenderer.html(markdown) == html)
    }

    @Test func htmlHasNoSourcePositions() {
        #expect(!MarkdownRenderer.html("# T\n\npara\n\n- x\n").contains("data-sourcepos"))
    }

    @Test func blocksRenderTheSameExtensionsAsSnippets() throws {
        let source = "| a |\n|---|\n| 1 |\n\n~~x~~ www.example.com\n\n<script>bad()</script>\n"
        let document = try MarkdownParser.parse(source, path: "gfm.md")
        #expect(document.blocks.map(\.kind) == [.table, .paragraph, .htmlBlock])
        #expect(document.blocks.map(\.html) == [
            "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n",
            "<p><del>x</del> <a href=\"http://www.example.com\">www.example.com</a></p>\n",
            "&lt;script>bad()&lt;/script>\n",
        ])
    }

    @Test func snippetRenderingIsWholeDocument() {
        #expect(MarkdownRenderer.html("# Note\n\nTwo *words*.\n") == "<h1>Note</h1>\n<p>Two <em>words</em>.</p>\n")
    }
}
