import Foundation
import NotebookMarkdown
import Outputs
import RecbookSupport
import RunModel

/// Renders a ``NotebookRun`` as one self-contained HTML file: inline CSS, inline SVG figures, no
/// external fonts, styles, scripts or images.
///
/// The page has the notebook's title and a one-line summary of the run, a table of contents of
/// its headings, the cells in order (prose as cmark-gfm rendered it, other-language code with a
/// label, steps as numbered "In [n]" cells with their outputs), and a footer recording the
/// provenance. Figures and tables are numbered in order of appearance; prose and notes refer to
/// labelled ones with `@fig-NAME` and `@tbl-NAME`.
///
/// With ``NotebookRun/includesTimings`` false the page contains no time or date, so rendering
/// the same run twice gives the same bytes. The page's own scripts (``PageScripts``) are the only
/// ones that run: a Content-Security-Policy names them by hash, and raw HTML in prose is reduced
/// to harmless HTML unless the notebook is trusted (``SafeProse``).
public struct HTMLReportRenderer: Sendable {
    /// A rendered report and what a caller may want to warn about.
    public struct RenderedReport: Sendable {
        public var html: String
        /// `@fig-…` / `@tbl-…` references that named no figure or table, in order of appearance.
        public var unresolvedReferences: [String]
    }

    private let chartRenderer: SVGChartRenderer
    private let noteRenderer: @Sendable (String) -> String
    private let scripts: PageScripts

    /// - Parameters:
    ///   - chartRenderer: draws figures.
    ///   - noteRenderer: turns a note's Markdown into HTML; by default cmark-gfm with the same
    ///     options as prose. Its HTML is sanitized like prose.
    ///   - scripts: the page's scripts: a report file's, or one that reloads itself under `watch`.
    public init(
        chartRenderer: SVGChartRenderer = SVGChartRenderer(),
        noteRenderer: @escaping @Sendable (String) -> String = { MarkdownRenderer.html($0) },
        scripts: PageScripts = .report
    ) {
        self.chartRenderer = chartRenderer
        self.noteRenderer = noteRenderer
        self.scripts = scripts
    }

    /// Renders `run` with the default renderers.
    public static func render(_ run: NotebookRun) -> String {
        HTMLReportRenderer().render(run)
    }

    /// The report for `run`, as a complete HTML document.
    public func render(_ run: NotebookRun) -> String {
        renderReport(run).html
    }

    /// The report for `run` as a file named `name.html`.
    /// - Parameters:
    ///   - run: what happened.
    ///   - name: the base name, usually the notebook's file name without its extension.
    /// - Returns: the page, with no attachments: it is self-contained.
    public func document(for run: NotebookRun, name: String) -> RenderedDocument {
        let report = renderReport(run)
        return RenderedDocument(
            main: RenderedFile(relativePath: ReportFormat.safeBaseName(name) + ".html", text: report.html),
            unresolvedReferences: report.unresolvedReferences
        )
    }

    /// The report for `run`, with the references that could not be resolved.
    /// - Complexity: O(n) in the size of the run's cells and outputs.
    public func renderReport(_ run: NotebookRun) -> RenderedReport {
        let anchors = ReportAnchors(run: run)
        let titleCell = anchors.titleCell
        var contents = TableOfContents()
        for (index, cell) in run.cells.enumerated() {
            guard case .prose(let block) = cell, case let .heading(level, text, _) = block.kind,
                  let id = anchors.headingIDs[index] else { continue }
            contents.entries.append(TableOfContents.Entry(level: level, text: text, id: id))
        }

        let catalog = anchors.catalog
        let safeProse = SafeProse(run: run)
        var linker = CrossReferenceLinker(catalog: catalog)
        let stepRenderer = StepCellHTML(
            includesTimings: run.includesTimings,
            outputs: OutputHTML(chartRenderer: chartRenderer, colours: anchors.seriesColours, noteRenderer: noteRenderer)
        )

        var main: [MarkupNode] = []
        var prose: [MarkupNode] = []
        func flushProse() {
            if !prose.isEmpty { main.append(.element("div", ["class": "prose"], prose)) }
            prose = []
        }
        for (index, cell) in run.cells.enumerated() where index != titleCell {
            switch cell {
            case .prose(let block):
                if case let .heading(level, _, inlineHTML) = block.kind, let id = anchors.headingIDs[index] {
                    let safeHTML = safeProse.headingHTML(cell: index, inlineHTML: inlineHTML)
                    prose.append(heading(level: level, inlineHTML: linker.link(safeHTML), id: id))
                } else {
                    prose.append(.trusted(linker.link(safeProse.html(cell: index, block: block))))
                }
            case .code(let code):
                flushProse()
                main.append(codeCell(code))
            case .step(let step):
                flushProse()
                main.append(stepRenderer.node(for: step, id: anchors.stepID(cell: index, number: step.number),
                                              cellIndex: index, catalog: catalog, linker: &linker))
            }
        }
        flushProse()

        var titleHTML = MarkupNode.text(run.title)
        if let titleCell, anchors.titleShowsHeading, case .prose(let block) = run.cells[titleCell],
           case let .heading(_, _, inlineHTML) = block.kind {
            titleHTML = .trusted(safeProse.headingHTML(cell: titleCell, inlineHTML: inlineHTML))
        }

        let document = MarkupNode.fragment([
            .trusted("<!DOCTYPE html>\n"),
            .element("html", ["lang": "en"], [
                .element("head", [
                    .element("meta", ["charset": "utf-8"]),
                    scripts.policyNode(allowsEmbeds: run.allowsRawHTML),
                    .element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
                    .element("meta", ["name": "generator", "content": "recbook " + run.provenance.recbookVersion]),
                    .element("title", text: run.title),
                    .element("style", [.trusted("\n" + ReportStylesheet.css + "\n")]),
                ]),
                .element("body", [
                    header(run, titleHTML: titleHTML, anchors: anchors),
                    contents.node(),
                    .element("main", main),
                    ProvenanceFooter(run: run).node(),
                    .fragment(scripts.scriptNodes),
                ]),
            ]),
        ])
        return RenderedReport(html: document.rendered(as: .html), unresolvedReferences: linker.unresolved)
    }

    private func heading(level: Int, inlineHTML: String, id: String) -> MarkupNode {
        let tag = "h\(min(max(level, 1), 6))"
        return .element(tag, ["id": id], [
            .trusted(inlineHTML),
            .element("a", ["class": "anchor", "href": "#" + id, "aria-label": "Link to this section"], text: "#"),
        ])
    }

    private func codeCell(_ code: FencedCode) -> MarkupNode {
        let language = code.language.isEmpty ? "code" : code.language
        return .element("div", ["class": "code-cell", "title": "Shown for reference; recbook does not run it"], [
            .element("span", ["class": "code-label"], text: language),
            .element("pre", [.element("code", ["class": "language-" + AnchorSlugger.slug(language)],
                                          text: code.literal)]),
        ])
    }

    /// The title, a one-line summary of the run, and, when it did not succeed, links to the
    /// steps that failed or whose expectations did not hold.
    private func header(_ run: NotebookRun, titleHTML: MarkupNode, anchors: ReportAnchors) -> MarkupNode {
        let summary = RunSummary(run)
        var children: [MarkupNode] = [
            .element("h1", ["id": "top"], [titleHTML]),
            .element("p", ["class": "run-summary"], [.element("code", text: run.path), .text(" · " + summary.line)]),
        ]
        if !summary.succeeded {
            var alert: [MarkupNode] = [.text("This run did not succeed.")]
            if !summary.troubled.isEmpty {
                alert.append(.text(" See "))
                for (position, (cell, step)) in summary.troubled.enumerated() {
                    if position > 0 { alert.append(.text(", ")) }
                    alert.append(.element("a", ["href": "#" + anchors.stepID(cell: cell, number: step.number)],
                                          text: "step \(step.number) (\(step.name))"))
                }
                alert.append(.text("."))
            }
            children.append(.element("p", ["class": "run-failed", "role": "alert"], alert))
        }
        return .element("header", ["class": "report-header"], children)
    }
}
