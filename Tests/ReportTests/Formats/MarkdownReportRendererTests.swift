import Foundation
import NotebookCore
import NotebookMarkdown
import RecbookSupport
import RunModel
import Testing
@testable import Report

@Suite struct MarkdownReportRendererTests {
    private let document: RenderedDocument
    private let markdown: String

    init() throws {
        document = MarkdownReportRenderer().render(try FormatFixtures.run(), name: FormatFixtures.name,
                                                   source: FormatFixtures.source)
        markdown = String(decoding: document.main.contents, as: UTF8.self)
    }

    /// The report parsed back with cmark-gfm, so structure is checked as a Markdown reader sees it.
    private func parsed() throws -> MarkdownDocument {
        try MarkdownParser.parse(markdown, path: "report.md")
    }

    private func fencedBlocks() throws -> [FencedCode] {
        try parsed().blocks.compactMap { if case .fencedCode(let code) = $0.kind { code } else { nil } }
    }

    @Test func writesOneMarkdownFileAndOneSVGPerFigure() throws {
        #expect(document.main.relativePath == "ratings.md")
        let svgText = String(decoding: try #require(document.attachments.first).contents, as: UTF8.self)
        // Named by its content, so a new run never overwrites a figure the old report shows.
        #expect(document.attachments.map(\.relativePath) == ["ratings_files/figure-1-\(Digest.sha256(svgText).prefix(12)).svg"])
        #expect(document.attachmentFolder == "ratings_files")
        let svg = try XMLTree(svgText)
        let root = try #require(try svg.elements("svg").first)
        // A file of its own has a fixed size and its own background and text colour.
        #expect(root.attributeValue("width") == "720")
        #expect(root.attributeValue("color") != nil)
        #expect(try svg.elements("rect").first?.attributeValue("class") == "background")
        #expect(document.unresolvedReferences == ["@fig-missing"])
    }

    @Test func titleIsWrittenOnceAndTheRunIsSummarised() throws {
        #expect(markdown.hasPrefix("# Ratings at a glance\n\n`notebooks/ratings.md` · 4 steps: 1 succeeded, 1 reused, 1 failed, 1 not run"))
        let headings = try parsed().blocks.compactMap { block -> String? in
            if case let .heading(level, text, _) = block.kind, level == 1 { text } else { nil }
        }
        #expect(headings == [FormatFixtures.title])
        #expect(markdown.contains("**This run did not succeed.** See [step 3 (svd)](#step-3)."))
    }

    @Test func proseIsCopiedFromTheSourceWithReferencesLinked() {
        // Written as in the notebook (line break included), references replaced by links.
        #expect(markdown.contains("""
            Ratings are in [Table 1](#tbl-ratings) and plotted in [Figure 1](#fig-hist)[^src]; the model is described
            [in the SVD section][svd], see also @fig-missing. Literal: `@fig-hist`, me@fig-x.org.
            """))
        #expect(markdown.contains("- one: [Table 1](#tbl-ratings)\n- two: [@fig-hist](#top)\n"))
        // In a raw HTML block Markdown is not parsed, so the link is HTML.
        #expect(markdown.contains(##"<div class="aside">Compare <a href="#fig-hist">Figure 1</a>.</div>"##))
        // The link reference and footnote definitions, which belong to no block, are kept once.
        #expect(markdown.components(separatedBy: "[svd]: #spread-of-ratings").count == 2)
        #expect(markdown.components(separatedBy: "[^src]: GroupLens; see [Figure 1](#fig-hist).").count == 2)
        // The front matter is not prose.
        #expect(!markdown.contains("title: Ratings"))
    }

    @Test func linksAndAnchorsWorkWhenRendered() throws {
        let html = MarkdownRenderer.html(markdown)
        let figure = try #require(document.attachments.first?.relativePath)
        #expect(html.contains(##"<a href="#tbl-ratings">Table 1</a>"##))
        #expect(html.contains(##"<a href="#spread-of-ratings">in the SVD section</a>"##))
        #expect(html.contains(#"<img src="\#(figure)" alt="Figure 1: How often each rating is given" />"#))
        for id in ["tbl-ratings", "fig-hist", "step-1", "step-2", "step-3", "step-4"] {
            #expect(html.contains("<a id=\"\(id)\"></a>"), "missing anchor \(id)")
        }
        // The footnote reference resolves to the definition.
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func codeAndStepsAreFencedWithTheirInfoStrings() throws {
        let blocks = try fencedBlocks()
        #expect(blocks.map(\.info) == [
            "python", "{load} as: ratings", "histogram", "text", "{svd} as: model", "evaluate",
        ])
        #expect(blocks[1].literal == "path: ratings.csv\nexpect: rows == 100836\n")
        #expect(blocks[3].literal == "Minimum rating: 0.5\nMaximum rating: 5.0\n")
    }

    @Test func stepsShowStatusOutputsExpectationsAndValue() {
        #expect(markdown.contains("<a id=\"step-1\"></a>**In \\[1\\]:** `load` · ✓ succeeded\n"))
        #expect(markdown.contains("<sub>Not reused: not in the cache</sub>"))
        #expect(markdown.contains("""
            <a id="tbl-ratings"></a>**Table 1.** The first and last ratings

            |  | userId | movieId | rating |
            | --- | ---: | ---: | ---: |
            """))
        #expect(markdown.contains("100836 rows × 3 columns"))
        #expect(markdown.contains("- ✓ `rows == 100836` (rows = 100836)"))
        #expect(markdown.contains("→ `ratings`: table 100836 × 4"))
        #expect(markdown.contains("`histogram` · ↺ reused\n"))
        #expect(markdown.contains("*Reused from the cache: unchanged: same parameters, inputs and data files*"))
        #expect(markdown.contains("**Figure 1.** How often each rating is given"))
        #expect(markdown.contains("> **Warning:**\n>\n> Compare with [Table 1](#tbl-ratings)."))
    }

    @Test func failedAndNotRunStepsAreMarked() throws {
        #expect(markdown.contains("`svd` · **✗ failed**"))
        // The message sits in a quoted fence longer than the ``` line inside it.
        #expect(markdown.contains("""
            > **✗ Step 3 (svd) failed**
            >
            > ````text
            > ratings.csv:12:3: error: bad value </script>
            > ```
            > k must be at most 3
            > ````
            """))
        #expect(markdown.contains("- ✗ `rmse < 0.97` (rmse = 1.2)"))
        // A failed step has no value to show.
        #expect(!markdown.contains("→ `model`"))
        #expect(markdown.contains("`evaluate` · – not run\n"))
        #expect(markdown.contains("*Not run: step 3 (svd) failed*"))
    }

    @Test func provenanceFooterRecordsTheInputs() {
        let footer = markdown.components(separatedBy: "\n---\n\n## Provenance\n").last ?? ""
        #expect(footer.contains("- **recbook:** 0.1.0\n- **Notebook:** `notebooks/ratings.md`\n- **Seed:** 42"))
        #expect(footer.contains("| data | data/\\<ml\\>\\|small |"))
        #expect(footer.contains("| data/ml-latest-small/ratings.csv | " + String(repeating: "ab12", count: 16) + " |"))
        #expect(!footer.contains("Run time"))
    }

    @Test func timingsAppearOnlyWhenIncluded() throws {
        let timed = MarkdownReportRenderer().render(try FormatFixtures.run(includesTimings: true), name: "r", source: FormatFixtures.source)
        let text = String(decoding: timed.main.contents, as: UTF8.self)
        #expect(text.contains("`load` · ✓ succeeded · 800 ms"))
        #expect(text.contains("↺ reused · computed in 1.50 s"))
        #expect(text.contains("- **Run time:** 1 min 03 s"))
        #expect(!markdown.contains("800 ms"))
    }

    @Test func withoutTheSourceProseFallsBackToHTML() throws {
        let fallback = MarkdownReportRenderer().render(try FormatFixtures.run(), name: "r", source: nil)
        let text = String(decoding: fallback.main.contents, as: UTF8.self)
        #expect(text.hasPrefix("# Ratings at a glance\n"))
        #expect(text.contains("## Spread of ratings\n"))
        #expect(text.contains(##"<p>Ratings are in <a href="#tbl-ratings">Table 1</a>"##))
        #expect(fallback.unresolvedReferences == ["@fig-missing"])
        // The HTML is still read as HTML, and the steps are still fenced blocks.
        let html = MarkdownRenderer.html(text)
        #expect(html.contains(##"<a href="#tbl-ratings">Table 1</a>"##))
        #expect(try MarkdownParser.parse(text, path: "r.md").blocks.contains {
            if case .fencedCode(let code) = $0.kind { code.info == "{svd} as: model" } else { false }
        })
    }

    @Test func attachmentPathsAreEncodedInLinks() throws {
        let spaced = MarkdownReportRenderer().render(try FormatFixtures.run(), name: "my notebook (v2)", source: FormatFixtures.source)
        let name = try #require(spaced.attachments.first?.relativePath.split(separator: "/").last)
        #expect(spaced.attachments.map(\.relativePath) == ["my notebook (v2)_files/\(name)"])
        #expect(String(decoding: spaced.main.contents, as: UTF8.self).contains("](my%20notebook%20%28v2%29_files/\(name))"))
    }
}
