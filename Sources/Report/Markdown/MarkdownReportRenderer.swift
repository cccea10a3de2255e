import Foundation
import NotebookMarkdown
import Outputs
import RecbookSupport
import RunModel

/// Renders a ``NotebookRun`` as GitHub-flavoured Markdown, with every output inlined and each
/// figure written beside it as an SVG file.
///
/// The document reads like the HTML report: the title and a one-line summary of the run, the
/// prose as written in the notebook, other-language code and step sources as fenced blocks, each
/// step's status, outputs, expectations and value, and a provenance footer. Text outputs become
/// fenced `text` blocks, tables GFM tables, figures images that point into `NAME_files/`, notes
/// block quotes. Figures and tables are numbered as in the HTML report, and `@fig-NAME` /
/// `@tbl-NAME` become links to anchors placed on them.
///
/// With ``NotebookRun/includesTimings`` false the output contains no times, so the same run
/// always gives the same bytes.
public struct MarkdownReportRenderer: Sendable {
    private let chartRenderer: SVGChartRenderer

    /// - Parameter chartRenderer: draws the figures' SVG files.
    public init(chartRenderer: SVGChartRenderer = SVGChartRenderer()) {
        self.chartRenderer = chartRenderer
    }

    /// The report for `run`.
    /// - Parameters:
    ///   - run: what happened.
    ///   - name: the base name: the report is `name.md`, its figures `name_files/figure-N-HASH.svg`,
    ///     HASH the start of the SHA-256 of the figure's SVG.
    ///   - source: the notebook's text, from which prose is copied as written. Without it (or for
    ///     a block whose range lies outside it) prose is written as the HTML cmark-gfm rendered,
    ///     which GitHub also displays.
    /// - Returns: the Markdown file and one SVG file per figure, in figure order.
    /// - Complexity: O(n) in the size of the run's cells and outputs.
    public func render(_ run: NotebookRun, name: String, source: String?) -> RenderedDocument {
        let baseName = ReportFormat.safeBaseName(name)
        var writer = MarkdownReportWriter(
            run: run, anchors: ReportAnchors(run: run), prose: ProseSource(run: run, source: source),
            figureFolder: baseName + "_files", chartRenderer: chartRenderer
        )
        let markdown = writer.document()
        return RenderedDocument(
            main: RenderedFile(relativePath: baseName + ".md", text: markdown),
            attachments: writer.attachments,
            unresolvedReferences: writer.linker.unresolved,
            attachmentFolder: baseName + "_files"
        )
    }
}

/// The state of one Markdown rendering: the blocks written so far, the figure files, and the
/// references that could not be resolved.
private struct MarkdownReportWriter {
    let run: NotebookRun
    let anchors: ReportAnchors
    let prose: ProseSource
    let safeProse: SafeProse
    let figureFolder: String
    let chartRenderer: SVGChartRenderer
    var linker: MarkdownCrossReferenceLinker
    private(set) var attachments: [RenderedFile] = []
    /// Top-level blocks, each without its trailing newline; joined by blank lines.
    private var blocks: [String] = []

    init(run: NotebookRun, anchors: ReportAnchors, prose: ProseSource, figureFolder: String, chartRenderer: SVGChartRenderer) {
        self.run = run
        self.anchors = anchors
        self.prose = prose
        self.safeProse = SafeProse(run: run)
        self.figureFolder = figureFolder
        self.chartRenderer = chartRenderer
        self.linker = MarkdownCrossReferenceLinker(catalog: anchors.catalog)
    }

    mutating func document() -> String {
        header()
        for (index, cell) in run.cells.enumerated() where index != anchors.titleCell {
            switch cell {
            case .prose(let block):
                if let text = proseMarkdown(block, cell: index), !text.isEmpty { add(text) }
            case .code(let code):
                add(MarkdownSyntax.fencedBlock(info: code.info, body: code.literal))
            case .step(let step):
                stepCell(step, cell: index)
            }
        }
        // Footnotes from which something unsafe was removed were written as HTML in their place.
        let definitions = footnotesAreSafeAsWritten ? prose.definitions : prose.linkDefinitions
        if !definitions.isEmpty {
            add(definitions.map { linker.link($0, style: .markdownLink) }.joined(separator: "\n"))
        }
        footer()
        return blocks.joined(separator: "\n\n") + "\n"
    }

    private var footnotesAreSafeAsWritten: Bool {
        run.cells.indices.allSatisfy { index in
            guard case let .prose(block) = run.cells[index], case .other("footnote_definition") = block.kind else { return true }
            return safeProse.isSafeAsWritten(cell: index)
        }
    }

    private mutating func add(_ block: String) {
        var block = Substring(block)
        while block.last?.isNewline == true { block = block.dropLast() }
        blocks.append(String(block))
    }

    // MARK: Header and prose

    private mutating func header() {
        if let titleCell = anchors.titleCell, anchors.titleShowsHeading, case .prose(let block) = run.cells[titleCell],
           let text = proseMarkdown(block, cell: titleCell) {
            add(text)
        } else {
            add("# " + MarkdownSyntax.text(run.title))
        }
        let summary = RunSummary(run)
        add(MarkdownSyntax.codeSpan(run.path) + " · " + MarkdownSyntax.text(summary.line))
        if !summary.succeeded {
            var alert = "**This run did not succeed.**"
            if !summary.troubled.isEmpty {
                let links = summary.troubled.map { cell, step in
                    "[step \(step.number) (\(MarkdownSyntax.text(step.name)))](#\(anchors.stepID(cell: cell, number: step.number)))"
                }
                alert += " See " + links.joined(separator: ", ") + "."
            }
            add(alert)
        }
    }

    /// A prose block as Markdown, with references resolved: cut from the source when it is
    /// known and nothing unsafe had to be removed from it, else rebuilt from its safe HTML.
    private mutating func proseMarkdown(_ block: MarkdownBlock, cell index: Int) -> String? {
        if let markdown = prose.markdown(cell: index), safeProse.isSafeAsWritten(cell: index) {
            switch block.kind {
            case .other("code_block"): return markdown
            case .htmlBlock: return linker.link(markdown, style: .htmlLink)
            default: return linker.link(markdown, style: .markdownLink)
            }
        }
        if case let .heading(level, text, _) = block.kind {
            let marks = String(repeating: "#", count: min(max(level, 1), 6))
            return marks + " " + linker.link(MarkdownSyntax.text(text), style: .markdownLink)
        }
        return MarkdownSyntax.rawHTMLBlock(linker.link(safeProse.html(cell: index, block: block), style: .htmlLink))
    }

    // MARK: Steps

    private mutating func stepCell(_ step: StepCellResult, cell index: Int) {
        let id = anchors.stepID(cell: index, number: step.number)
        var title = MarkdownSyntax.anchor(id) + "**In \\[\(step.number)\\]:** " + MarkdownSyntax.codeSpan(step.name)
            + " · " + Self.statusLabel(step.status)
        if let cells = StepPresentation.originalCells(of: step) {
            title += " · the original's In " + MarkdownSyntax.text(cells)
        }
        if let timing = StepPresentation.timing(of: step, includesTimings: run.includesTimings) {
            title += " · " + timing
        }
        add(title)
        add(MarkdownSyntax.fencedBlock(info: step.block.info, body: step.block.literal))

        switch step.status {
        case .succeeded:
            break
        case .reused(let reason):
            add("*Reused from the cache: " + MarkdownSyntax.text(reason) + "*")
        case .failed(let message):
            add(MarkdownSyntax.blockQuote(
                "**✗ Step \(step.number) (\(MarkdownSyntax.text(step.name))) failed**\n\n"
                    + MarkdownSyntax.fencedBlock(info: "text", body: message)
            ))
        case .notRun(let reason):
            add("*Not run: " + MarkdownSyntax.text(reason) + "*")
        }
        if let note = StepPresentation.cacheNote(of: step) {
            add("<sub>Not reused: " + MarkdownSyntax.text(note) + "</sub>")
        }
        for (outputIndex, output) in step.outputs.enumerated() {
            self.output(output, entry: anchors.catalog.entry(cell: index, output: outputIndex))
        }
        if !step.expectations.isEmpty {
            add(step.expectations.map { expectation in
                var item = "- " + (expectation.passed ? "✓ " : "✗ ") + MarkdownSyntax.codeSpan(expectation.source)
                if !expectation.detail.isEmpty { item += " (" + MarkdownSyntax.text(expectation.detail) + ")" }
                return item
            }.joined(separator: "\n"))
        }
        if let value = StepPresentation.value(of: step) {
            let parts = [value.binding.map(MarkdownSyntax.codeSpan), value.summary.map(MarkdownSyntax.text)]
            add("→ " + parts.compactMap { $0 }.joined(separator: ": "))
        }
    }

    private static func statusLabel(_ status: StepStatus) -> String {
        switch status {
        case .succeeded: "✓ succeeded"
        case .reused: "↺ reused"
        case .failed: "**✗ failed**"
        case .notRun: "– not run"
        }
    }

    private mutating func output(_ output: Output, entry: OutputCatalog.Entry?) {
        switch output {
        case .text(let text):
            add(MarkdownSyntax.fencedBlock(info: "text", body: text))
        case .table(let table):
            // Captions go above tables and below figures, as in the HTML report.
            if let entry { add(Self.caption(entry, table.caption, anchored: true)) }
            add(MarkdownTableRenderer.render(table))
        case .figure(let figure):
            let number = entry?.number ?? attachments.count + 1
            let svg = chartRenderer.renderStandalone(figure, colours: anchors.seriesColours)
            let path = figureFolder + "/" + RenderedDocument.attachmentName(number: number, sha256: Digest.sha256(svg))
            attachments.append(RenderedFile(relativePath: path, text: svg))
            var alt = entry?.title ?? "Figure"
            let description = figure.caption.flatMap { $0.isEmpty ? nil : $0 } ?? figure.title
            if !description.isEmpty { alt += ": " + description }
            let anchor = entry.map { MarkdownSyntax.anchor($0.id) } ?? ""
            add(anchor + "![" + MarkdownSyntax.text(alt) + "](" + MarkdownSyntax.linkDestination(path) + ")")
            if let entry { add(Self.caption(entry, figure.caption, anchored: false)) }
        case .note(let note):
            let kind = note.kind == .warning ? "**Warning:**" : "**Note:**"
            let body = linker.link(note.markdown.trimmingCharacters(in: .whitespacesAndNewlines), style: .markdownLink)
            add(MarkdownSyntax.blockQuote(kind + "\n\n" + body))
        }
    }

    /// "**Table 1.** The first and last ratings", with the anchor references link to when the
    /// caption is the output's only anchor.
    private static func caption(_ entry: OutputCatalog.Entry, _ caption: String?, anchored: Bool) -> String {
        var text = anchored ? MarkdownSyntax.anchor(entry.id) : ""
        text += "**\(entry.title).**"
        if let caption, !caption.isEmpty { text += " " + MarkdownSyntax.text(caption) }
        return text
    }

    // MARK: Footer

    private mutating func footer() {
        let provenance = run.provenance
        var facts = [
            "- **recbook:** " + MarkdownSyntax.text(provenance.recbookVersion),
            "- **Notebook:** " + MarkdownSyntax.codeSpan(run.path),
            "- **Seed:** " + (provenance.seed.map { String($0) } ?? "none"),
        ]
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            facts.append("- **Run time:** " + Format.duration(run.duration))
        }
        add("---")
        add("## Provenance")
        add(facts.joined(separator: "\n"))
        add("### Parameters")
        add(provenance.parameters.isEmpty ? "No parameters." : MarkdownTableRenderer.render(TableOutput(
            hasIndex: false, columns: [.init("Name"), .init("Value")],
            rows: provenance.parameters.map { .init(cells: [$0.name, $0.value]) }
        )))
        add("### Data files")
        add(provenance.files.isEmpty ? "No data files were read." : MarkdownTableRenderer.render(TableOutput(
            hasIndex: false, columns: [.init("File"), .init("SHA-256")],
            rows: provenance.files.map { .init(cells: [$0.path, $0.sha256]) }
        )))
    }
}
