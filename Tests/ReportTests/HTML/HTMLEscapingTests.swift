import Testing
@testable import Report

@Suite struct HTMLEscapingTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("a & b", "a &amp; b"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ("</script><script>alert(1)</script>", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"quoted\" and 'single'", "\"quoted\" and 'single'"),
        ("&amp; stays literal", "&amp;amp; stays literal"),
        ("Amélie (2001) — 東京物語", "Amélie (2001) — 東京物語"),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("nul\u{0}bell\u{7}", "nul\u{FFFD}bell\u{FFFD}"),
    ])
    func text(input: String, expected: String) {
        #expect(HTMLEscaping.text(input) == expected)
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)"),
        ("' onload='alert(1)", "&#39; onload=&#39;alert(1)"),
        ("a<b>&c", "a&lt;b&gt;&amp;c"),
        ("javascript:alert(\"x\")", "javascript:alert(&quot;x&quot;)"),
        ("\u{FFFE}", "\u{FFFD}"),
    ])
    func attribute(input: String, expected: String) {
        #expect(HTMLEscaping.attribute(input) == expected)
    }

    @Test func attributeInjectionCannotOpenANewAttributeOrElement() throws {
        let hostile = "x\" onclick=\"steal()\"><script>alert('boom')</script><a title='"
        let markup = MarkupNode.element("span", ["title": hostile], text: hostile).rendered()
        let tree = try XMLTree(markup)
        let span = try #require(try tree.elements("span").first)
        // One attribute only, holding the hostile text exactly, and no element was smuggled in.
        #expect(span.attributes?.count == 1)
        #expect(span.attributeValue("title") == hostile)
        #expect(span.stringValue == hostile)
        #expect(try tree.elements("script").isEmpty)
        #expect(!markup.contains("<script"))
    }
}
