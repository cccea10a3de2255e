import Testing
@testable import Report

/// The sanitizer on hand-written fragments: every vector that ran in a browser (issue 12), the
/// tricks that fool naive filters, and the harmless HTML authors use, which must come out intact.
@Suite struct HTMLSanitizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var input: String
        var output: String
        var removed: Bool
        var testDescription: String { name }

        init(_ name: String, _ input: String, _ output: String, removed: Bool = true) {
            self.name = name
            self.input = input
            self.output = output
            self.removed = removed
        }
    }

    /// The eight prose vectors that ran in headless Chromium before sanitizing.
    static let browserVectors: [Case] = [
        Case("details ontoggle", #"<details open ontoggle="document.title='pwned'">x</details>"#, "<details open>x</details>"),
        Case("input autofocus onfocus", #"<input autofocus onfocus="document.title='pwned'">"#, ""),
        Case("inline img onerror", #"<p>a <img src=x onerror="document.title='pwned'"> b</p>"#, #"<p>a <img src="x" /> b</p>"#),
        Case("block img onerror", "<img src=x onerror=alert(1)>\n", "<img src=\"x\" />\n"),
        Case("video source onerror", #"<video><source onerror="alert(1)"></video>"#, ""),
        Case("svg onload", #"<svg onload="alert(1)"><circle r="1"/></svg>after"#, "after"),
        Case("body onload", #"<body onload="alert(1)">text</body>"#, "text"),
        Case("details ontoggle inline", #"<p>see <details ontoggle=alert(1) open>x</details></p>"#, "<p>see <details open>x</details></p>"),
    ]

    /// What naive filters miss.
    static let evasions: [Case] = [
        Case("javascript URL", #"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
        Case("javascript URL in capitals", #"<a href="JaVaScRiPt:alert(1)">x</a>"#, "<a>x</a>"),
        Case("javascript URL with a tab", "<a href=\"java\tscript:alert(1)\">x</a>", "<a>x</a>"),
        Case("javascript URL with a leading space and control", "<a href=\" \u{1}javascript:alert(1)\">x</a>", "<a>x</a>"),
        Case("javascript URL spelled with references", #"<a href="&#106;ava&#x73;cript&colon;alert(1)">x</a>"#, "<a>x</a>"),
        Case("javascript URL with a reference lacking its semicolon", #"<a href="&#106avascript:alert(1)">x</a>"#, "<a>x</a>"),
        Case("javascript URL with an encoded tab", #"<a href="java&Tab;script:alert(1)">x</a>"#, "<a>x</a>"),
        Case("data URL link", #"<a href="data:text/html,<script>alert(1)</script>">x</a>"#, "<a>x</a>"),
        Case("vbscript URL", #"<a href="vbscript:msgbox(1)">x</a>"#, "<a>x</a>"),
        Case("data URL that is no image", #"<img src="data:text/html,x">"#, "<img />"),
        // As a browser reads it: one attribute, src, whose value runs to the '>'.
        Case("slashes between attributes", "<img/src=x/onerror=alert(1)>", #"<img src="x/onerror=alert(1)" />"#, removed: false),
        Case("no space after a quoted value", #"<img src="x"onerror="alert(1)">"#, #"<img src="x" />"#),
        Case("repeated attribute: the first counts", #"<a href="https://ok.example" href="javascript:alert(1)">x</a>"#,
             #"<a href="https://ok.example">x</a>"#, removed: false),
        Case("base", #"<base href="https://evil.example/">text"#, "text"),
        Case("form", #"<form action="https://evil.example"><button>Go</button></form>"#, "Go"),
        Case("meta refresh", #"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#, ""),
        Case("iframe", #"<iframe src="https://evil.example"><p>x</p></iframe>after"#, "after"),
        Case("iframe srcdoc", #"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#, ""),
        Case("object and embed", #"<object data="x.swf"><embed src="x.swf"></object>after"#, "after"),
        Case("script", "<script>alert(1)</script>after", "after"),
        Case("script end tag in a string", "<script>s='</scrip'+'t>'; alert(1)</script>after", "after"),
        Case("style", "<style>body{background:url(javascript:alert(1))}</style>after", "after"),
        Case("style attribute", #"<p style="position:fixed;top:0">x</p>"#, "<p>x</p>"),
        Case("markup inside raw text is text", "<textarea><img src=x onerror=alert(1)></textarea>after", "after"),
        // A browser that runs scripts ends <noscript> at the first </noscript>, so the <img> is real.
        Case("noscript", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", "<img src=\"x\" />\">"),
        Case("nested svg", "<svg><svg onload=alert(1)></svg><script>x</script></svg>after", "after"),
        Case("math", "<math><mtext><img src=x onerror=alert(1)></mtext></math>after", "after"),
        Case("template", "<template><img src=x onerror=alert(1)></template>after", "after"),
        Case("name clobbering", #"<img name="querySelectorAll" src="a.png">"#, #"<img src="a.png" />"#),
        Case("a text input", #"<input type="text" value="x">"#, ""),
        Case("an unknown element keeps its text", "<blink>hi</blink>", "hi"),
        Case("target", #"<a href="https://x.example" target="_blank">x</a>"#, #"<a href="https://x.example">x</a>"#),
        Case("tag cut off at the end", #"text <img src="x" onerror="alert(1)"#, "text "),
    ]

    /// Markup that only looks dangerous, and what the sanitizer normalises without removing.
    static let normalisations: [Case] = [
        Case("a comment is dropped", "a<!-- <img src=x onerror=alert(1)> -->b", "ab", removed: false),
        Case("a lone '<' is text", "1 < 2 and 3 <4", "1 &lt; 2 and 3 &lt;4", removed: false),
        Case("a bare ampersand is escaped", "R&D &amp; &copy; &#169; &", "R&amp;D &amp; &copy; &#169; &amp;", removed: false),
        Case("a stray end tag is dropped", "</div></main>text</p>", "text", removed: false),
        Case("an unclosed element is closed", "<details><summary>More</summary>text", "<details><summary>More</summary>text</details>", removed: false),
        Case("elements close in order", "<b><i>x</b>y", "<b><i>x</i></b>y", removed: false),
        Case("unquoted and single-quoted values are double-quoted", #"<td colspan=2 title='say "hi"'>x</td>"#,
             #"<td colspan="2" title="say &quot;hi&quot;">x</td>"#, removed: false),
        Case("a declaration is dropped", "<!DOCTYPE html><?xml x?>text", "text", removed: false),
        Case("a control character is replaced", "a\u{0}b", "a\u{FFFD}b", removed: false),
    ]

    /// Harmless HTML authors write, which must come out exactly as cmark-gfm wrote it.
    static let harmless: [String] = [
        "<details><summary>Why?</summary>\n<p>Because.</p>\n</details>\n",
        "<p>H<sub>2</sub>O and x<sup>2</sup>, press <kbd>Ctrl</kbd>+<kbd>C</kbd><br />\nnext</p>\n",
        "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n</tr>\n</tbody>\n</table>\n",
        "<p><img src=\"figures/plot.png\" alt=\"A plot\" /> <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n",
        "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n</ul>\n",
        "<p>a<sup class=\"footnote-ref\"><a href=\"#fn-x\" id=\"fnref-x\" data-footnote-ref>1</a></sup></p>\n"
            + "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-x\">\n<p>note <a href=\"#fnref-x\" class=\"footnote-backref\" "
            + "data-footnote-backref aria-label=\"Back to content\">↩</a></p>\n</li>\n</ol>\n</section>\n",
        "<p>see <a href=\"https://grouplens.org/datasets/?a=1&amp;b=2\">GroupLens</a>, <a href=\"mailto:me@example.com\">me</a>, <a href=\"#top\">top</a></p>\n",
        "&lt;script>alert(1)&lt;/script>\n",
        "<pre lang=\"python\"><code>if a &lt; b &amp;&amp; c:\n</code></pre>\n",
        "<blockquote>\n<p><em>x</em> <strong>y</strong> <del>z</del> <code>w</code></p>\n</blockquote>\n<hr />\n",
    ]

    @Test(arguments: browserVectors + evasions + normalisations)
    func sanitizes(_ testCase: Case) {
        let result = HTMLSanitizer.sanitize(testCase.input)
        #expect(result.html == testCase.output)
        #expect(result.removedSomething == testCase.removed)
    }

    @Test(arguments: harmless)
    func keepsHarmlessHTMLExactly(_ html: String) {
        #expect(HTMLSanitizer.sanitize(html) == .init(html: html, removedSomething: false))
    }

    @Test func elementsMayCloseInALaterFragment() {
        var sanitizer = HTMLSanitizer()
        #expect(sanitizer.feed("<details>\n<summary>More</summary>\n").html == "<details>\n<summary>More</summary>\n")
        #expect(sanitizer.feed("<p>Markdown <img src=x onerror=alert(1)></p>\n")
            == .init(html: "<p>Markdown <img src=\"x\" /></p>\n", removedSomething: true))
        #expect(sanitizer.feed("</details>\n").html == "</details>\n")
        #expect(sanitizer.feed("</details>").html == "")
        #expect(sanitizer.finish() == "")
    }

    @Test func aDroppedElementEndsWithItsFragment() {
        // An unclosed <svg> in one block does not swallow the next.
        var sanitizer = HTMLSanitizer()
        #expect(sanitizer.feed("<svg><circle/>").html == "")
        #expect(sanitizer.feed("<p>kept</p>").html == "<p>kept</p>")
    }

    @Test(arguments: [
        ("https://a.example/x", "https"), ("HTTP://a", "http"), ("mailto:x@y", "mailto"), ("a+b-c.d:x", "a+b-c.d"),
        ("/path:x", nil), ("#frag", nil), ("relative/path", nil), ("1http:x", nil), ("no scheme", nil), ("café:x", nil),
    ] as [(String, String?)])
    func schemes(url: String, scheme: String?) {
        #expect(HTMLSanitizer.scheme(of: url.unicodeScalars) == scheme)
    }
}
