import NotebookCore
import Outputs
import RunModel
import Testing
@testable import Report

@Suite struct CrossReferenceLinkerTests {
    /// A catalogue with figure "loss" (Figure 1), an unlabelled figure (Figure 2) and table "top"
    /// (Table 1), in that order.
    private func linker() -> CrossReferenceLinker {
        let step = StepCellResult(
            number: 1, name: "plot", block: ReportFixtures.fence("{plot}", ""), binding: nil, status: .succeeded,
            outputs: [
                .figure(Figure(title: "Loss", label: "loss", marks: [])),
                .text("between"),
                .figure(Figure(title: "Other", marks: [])),
                .table(TableOutput(columns: [], rows: [], label: "top")),
            ]
        )
        var slugger = AnchorSlugger()
        return CrossReferenceLinker(catalog: OutputCatalog(cells: [.step(step)], slugger: &slugger))
    }

    @Test(arguments: [
        ("<p>See @fig-loss.</p>", ##"<p>See <a class="xref" href="#fig-loss">Figure 1</a>.</p>"##),
        ("<p>(@tbl-top)</p>", ##"<p>(<a class="xref" href="#tbl-top">Table 1</a>)</p>"##),
        ("<p>@fig-loss-, then</p>", ##"<p><a class="xref" href="#fig-loss">Figure 1</a>-, then</p>"##),
        ("<p>mail a@fig-loss.org</p>", "<p>mail a@fig-loss.org</p>"),
        ("<p><code>@fig-loss</code> and <a href=\"#x\">@fig-loss</a></p>",
         "<p><code>@fig-loss</code> and <a href=\"#x\">@fig-loss</a></p>"),
        ("<pre><code>@tbl-top\n</code></pre>", "<pre><code>@tbl-top\n</code></pre>"),
        ("<p><img src=\"x\" alt=\"@fig-loss\"/>@fig-loss</p>",
         ##"<p><img src="x" alt="@fig-loss"/><a class="xref" href="#fig-loss">Figure 1</a></p>"##),
        ("<p>@figure and @fig- alone</p>", "<p>@figure and @fig- alone</p>"),
        ("<p>no references</p>", "<p>no references</p>"),
    ])
    func links(html: String, expected: String) {
        var linker = linker()
        #expect(linker.link(html) == expected)
        #expect(linker.unresolved.isEmpty)
    }

    @Test func unknownReferencesStayVisibleAndAreReported() {
        var linker = linker()
        let html = linker.link("<p>@fig-nope and @tbl-loss</p>")
        #expect(html.contains(#"<span class="xref-missing" title="No figure has the label “nope”">@fig-nope</span>"#))
        #expect(html.contains(#">@tbl-loss</span>"#), "a figure label does not answer a table reference")
        #expect(linker.unresolved == ["@fig-nope", "@tbl-loss"])
    }

    @Test func unlabelledOutputsAreNumberedButNotReferable() {
        var slugger = AnchorSlugger()
        let step = StepCellResult(
            number: 1, name: "plot", block: ReportFixtures.fence("{plot}", ""), binding: nil, status: .succeeded,
            outputs: [.figure(Figure(title: "A", marks: [])), .figure(Figure(title: "B", label: "b", marks: []))]
        )
        let catalog = OutputCatalog(cells: [.prose(.init(kind: .paragraph, range: .init(startLine: 1, startColumn: 1, endLine: 1, endColumn: 1), html: "")), .step(step)], slugger: &slugger)
        #expect(catalog.entry(cell: 1, output: 0)?.id == "figure-1")
        #expect(catalog.entry(cell: 1, output: 1)?.title == "Figure 2")
        #expect(catalog.resolve("fig-b")?.id == "fig-b")
        #expect(catalog.entry(cell: 0, output: 0) == nil)
    }
}

@Suite struct InlineValueSubstitutionTests {
    private func catalog() -> OutputCatalog {
        var step = StepCellResult(number: 1, name: "group", block: ReportFixtures.fence("group", ""), binding: "g", status: .succeeded)
        step.inlineValues = ["g.rows": .value("19"), "g.genre[0]": .value("Film <Noir> & co"), "g.x[9]": .problem("the value has no measurement 'x[9]'")]
        var slugger = AnchorSlugger()
        return OutputCatalog(cells: [.step(step)], slugger: &slugger)
    }

    @Test func htmlShowsTheFigureEscaped() {
        var linker = CrossReferenceLinker(catalog: catalog())
        #expect(linker.link("<p><code>=g.rows</code> genres; best <code>=g.genre[0]</code>; <code>x = 1</code></p>")
            == #"<p><span class="inline-value">19</span> genres; best <span class="inline-value">Film &lt;Noir&gt; &amp; co</span>; <code>x = 1</code></p>"#)
    }

    @Test func aValueThatCouldNotBeComputedStaysVisibleWithItsReason() {
        var linker = CrossReferenceLinker(catalog: catalog())
        #expect(linker.link("<p><code>=g.x[9]</code></p>")
            == #"<p><code class="inline-value-missing" title="the value has no measurement &#39;x[9]&#39;">=g.x[9]</code></p>"#)
    }

    @Test func markdownShowsTheFigureAsText() {
        var linker = MarkdownCrossReferenceLinker(catalog: catalog())
        #expect(linker.link("`=g.rows` genres; best `=g.genre[0]`; `x = 1`; ``=g.rows``", style: .markdownLink)
            == #"19 genres; best Film \<Noir\> \& co; `x = 1`; ``=g.rows``"#)
    }
}
