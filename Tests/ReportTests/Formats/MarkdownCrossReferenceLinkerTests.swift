import NotebookCore
import NotebookMarkdown
import Outputs
import Testing
@testable import Report

@Suite struct MarkdownCrossReferenceLinkerTests {
    /// A catalog with one labelled table (Table 1, `tbl-ratings`) and one labelled figure
    /// (Figure 1, `fig-hist`).
    private static func linker() throws -> MarkdownCrossReferenceLinker {
        MarkdownCrossReferenceLinker(catalog: ReportAnchors(run: try FormatFixtures.run()).catalog)
    }

    @Test(arguments: [
        ("See @fig-hist.", "See [Figure 1](#fig-hist)."),
        ("@tbl-ratings and @fig-hist", "[Table 1](#tbl-ratings) and [Figure 1](#fig-hist)"),
        // A name does not end in a hyphen, and a reference does not continue a word or address.
        ("(@fig-hist-)", "([Figure 1](#fig-hist)-)"),
        ("me@fig-hist.org", "me@fig-hist.org"),
        ("x.@fig-hist", "x.@fig-hist"),
        // Code spans, whatever their length, and backslash escapes are literal.
        ("`@fig-hist` and ``a ` @fig-hist``", "`@fig-hist` and ``a ` @fig-hist``"),
        ("\\@fig-hist", "\\@fig-hist"),
        // An unclosed backtick run is literal text, so what follows is still scanned.
        ("`` @fig-hist", "`` [Figure 1](#fig-hist)"),
        // Link text and destinations, images, and full reference links are left alone…
        ("[@fig-hist](#x) @fig-hist", "[@fig-hist](#x) [Figure 1](#fig-hist)"),
        ("![@fig-hist](a.png)", "![@fig-hist](a.png)"),
        ("[see @fig-hist][ref]", "[see @fig-hist][ref]"),
        ("[a](b(@fig-hist))", "[a](b(@fig-hist))"),
        // …but plain brackets are not links.
        ("[@fig-hist]", "[[Figure 1](#fig-hist)]"),
        ("[^note] @fig-hist", "[^note] [Figure 1](#fig-hist)"),
        // Raw HTML: tags and autolinks are opaque, and so is the content of <a> and <code>.
        ("<span title=\"@fig-hist\">@fig-hist</span>", "<span title=\"@fig-hist\">[Figure 1](#fig-hist)</span>"),
        ("<a href=\"#x\">@fig-hist</a> @fig-hist", "<a href=\"#x\">@fig-hist</a> [Figure 1](#fig-hist)"),
        ("<code>@fig-hist</code>", "<code>@fig-hist</code>"),
        ("<https://example.com/@fig-hist>", "<https://example.com/@fig-hist>"),
        ("a < @fig-hist", "a < [Figure 1](#fig-hist)"),
        ("no references here", "no references here"),
    ])
    func markdownLinks(input: String, expected: String) throws {
        var linker = try Self.linker()
        #expect(linker.link(input, style: .markdownLink) == expected)
        #expect(linker.unresolved.isEmpty)
    }

    @Test func otherStyles() throws {
        var linker = try Self.linker()
        #expect(linker.link("see @tbl-ratings", style: .plainText) == "see Table 1")
        #expect(linker.link("<p>see @tbl-ratings</p>", style: .htmlLink) == "<p>see <a href=\"#tbl-ratings\">Table 1</a></p>")
    }

    @Test func unknownLabelsStayAndAreReported() throws {
        var linker = try Self.linker()
        #expect(linker.link("@fig-nope, @tbl-hist and @fig-hist", style: .markdownLink)
            == "@fig-nope, @tbl-hist and [Figure 1](#fig-hist)")
        // A figure's label is not a table's.
        #expect(linker.unresolved == ["@fig-nope", "@tbl-hist"])
    }
}
