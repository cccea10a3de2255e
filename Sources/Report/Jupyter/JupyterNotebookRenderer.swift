import Foundation
import NotebookMarkdown
import Outputs
import RecbookSupport
import RunModel

/// Renders a ``NotebookRun`` as a Jupyter notebook (nbformat 4.5), so a run can be opened in
/// Jupyter, converted with `nbconvert`, or shown where `.ipynb` files are displayed.
///
/// Prose becomes Markdown cells, copied from the notebook's source (a new cell at each heading);
/// other-language code becomes a Markdown cell holding the fenced block, so it is highlighted but
/// never mistaken for something to run. Each step becomes a code cell whose source is the step
/// block (its info string as a first comment line, `# recbook: svd`, then the YAML body), whose
/// execution count is the step's number, and whose outputs are what the step showed: text as
/// `stream` output, tables as `display_data` with `text/html` and `text/plain`, figures as
/// `image/svg+xml` with the ASCII chart as the `text/plain` fallback, notes as `text/markdown`,
/// a failure as an `error` output, and the step's value as an `execute_result`. The kernel spec
/// names recbook and YAML; the notebook's `recbook` metadata records the provenance.
///
/// Cell ids are derived from the cells' positions and kinds (`markdown-1`, `step-3`, …), so the
/// same run gives the same bytes; with ``NotebookRun/includesTimings`` false no time is written.
public struct JupyterNotebookRenderer: Sendable {
    private let chartRenderer: SVGChartRenderer
    private let asciiChartRenderer: ASCIIChartRenderer
    private let tableRenderer: TerminalTableRenderer

    /// - Parameters:
    ///   - chartRenderer: draws figures as SVG.
    ///   - asciiChartRenderer: draws the plain-text fallback of figures.
    ///   - tableRenderer: writes the plain-text fallback of tables.
    public init(
        chartRenderer: SVGChartRenderer = SVGChartRenderer(),
        asciiChartRenderer: ASCIIChartRenderer = ASCIIChartRenderer(),
        tableRenderer: TerminalTableRenderer = TerminalTableRenderer()
    ) {
        self.chartRenderer = chartRenderer
        self.asciiChartRenderer = asciiChartRenderer
        self.tableRenderer = tableRenderer
    }

    /// The notebook for `run` as a file named `name.ipynb`.
    /// - Parameters:
    ///   - run: what happened.
    ///   - name: the base name, usually the notebook's file name without its extension.
    ///   - source: the notebook's text, from which Markdown cells are copied; without it they
    ///     hold the HTML cmark-gfm rendered, which Jupyter also displays.
    /// - Returns: the notebook, with no attachments: figures are inside it.
    public func render(_ run: NotebookRun, name: String, source: String?) -> RenderedDocument {
        let (notebook, unresolved) = notebookJSON(for: run, source: source)
        // Jupyter writes one space of indentation and a final newline, and does not escape "/".
        let text = notebook.serialized(pretty: true, indent: 1) + "\n"
        return RenderedDocument(
            main: RenderedFile(relativePath: ReportFormat.safeBaseName(name) + ".ipynb", text: text),
            unresolvedReferences: unresolved
        )
    }

    /// The notebook as JSON, with its keys sorted as Jupyter sorts them, and the `@fig-`/`@tbl-`
    /// references that named no figure or table.
    public func notebookJSON(for run: NotebookRun, source: String?) -> (notebook: JSONValue, unresolvedReferences: [String]) {
        let anchors = ReportAnchors(run: run)
        var builder = JupyterCellBuilder(
            run: run, anchors: anchors, prose: ProseSource(run: run, source: source),
            outputs: JupyterStepOutputs(chartRenderer: chartRenderer, asciiChartRenderer: asciiChartRenderer,
                                        tableRenderer: tableRenderer, colours: anchors.seriesColours)
        )
        let cells = builder.cells()
        let notebook: JSONValue = [
            "cells": .array(cells),
            "metadata": metadata(run),
            "nbformat": 4,
            "nbformat_minor": 5,
        ]
        return (notebook.sortingKeys(), builder.linker.unresolved)
    }

    private func metadata(_ run: NotebookRun) -> JSONValue {
        let provenance = run.provenance
        var recbook: [(key: String, value: JSONValue)] = [
            (key: "version", value: .string(provenance.recbookVersion)),
            (key: "notebook", value: .string(run.path)),
            (key: "seed", value: provenance.seed.map { JSONValue.int($0) } ?? .null),
            (key: "parameters", value: .array(provenance.parameters.map { ["name": .string($0.name), "value": .string($0.value)] })),
            (key: "files", value: .array(provenance.files.map { ["path": .string($0.path), "sha256": .string($0.sha256)] })),
            (key: "succeeded", value: .bool(run.succeeded)),
        ]
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            recbook.append((key: "duration", value: .double(run.duration)))
        }
        return [
            "kernelspec": ["name": "recbook", "display_name": "recbook", "language": "yaml"],
            "language_info": [
                "name": "yaml", "file_extension": ".yaml", "mimetype": "text/x-yaml", "pygments_lexer": "yaml",
                "codemirror_mode": "yaml",
            ],
            "title": .string(run.title),
            "recbook": .object(recbook),
        ]
    }
}

/// Walks a run's cells in order and turns them into notebook cells.
private struct JupyterCellBuilder {
    let run: NotebookRun
    let anchors: ReportAnchors
    let prose: ProseSource
    let safeProse: SafeProse
    let outputs: JupyterStepOutputs
    var linker: MarkdownCrossReferenceLinker
    private var ids = AnchorSlugger()
    private var markdownCount = 0
    private var result: [JSONValue] = []
    /// Prose blocks waiting to be written as one Markdown cell.
    private var pendingProse: [String] = []

    init(run: NotebookRun, anchors: ReportAnchors, prose: ProseSource, outputs: JupyterStepOutputs) {
        self.run = run
        self.anchors = anchors
        self.prose = prose
        self.safeProse = SafeProse(run: run)
        self.outputs = outputs
        self.linker = MarkdownCrossReferenceLinker(catalog: anchors.catalog)
    }

    mutating func cells() -> [JSONValue] {
        titleCell()
        for (index, cell) in run.cells.enumerated() where index != anchors.titleCell {
            switch cell {
            case .prose(let block):
                if case .heading = block.kind { flushProse() }
                if case .other("footnote_definition") = block.kind {
                    // Jupyter's Markdown has no footnotes; their definitions read best together.
                    flushProse()
                    let footnotes = prose.footnoteDefinitions
                    if !footnotes.isEmpty, safeProse.isSafeAsWritten(cell: index) {
                        appendMarkdownCell(footnotes.map { linker.link($0, style: .plainText) }.joined(separator: "\n"), role: nil)
                    } else if prose.markdown(cell: index) == nil || !safeProse.isSafeAsWritten(cell: index) {
                        let html = safeProse.html(cell: index, block: block)
                        appendMarkdownCell(MarkdownSyntax.rawHTMLBlock(linker.link(html, style: .plainText)), role: nil)
                    }
                    continue
                }
                if let text = proseMarkdown(block, cell: index), !text.isEmpty { pendingProse.append(text) }
            case .code(let code):
                flushProse()
                appendMarkdownCell(MarkdownSyntax.fencedBlock(info: code.info, body: code.literal), role: nil)
            case .step(let step):
                flushProse()
                result.append(stepCell(step, cell: index))
            }
        }
        flushProse()
        provenanceCell()
        return result
    }

    // MARK: Markdown cells

    /// The title and the run's one-line summary.
    private mutating func titleCell() {
        var title = "# " + MarkdownSyntax.text(run.title)
        if let titleCell = anchors.titleCell, anchors.titleShowsHeading, case .prose(let block) = run.cells[titleCell],
           let text = proseMarkdown(block, cell: titleCell) {
            title = text
        }
        let summary = RunSummary(run)
        var lines = [title, "", MarkdownSyntax.codeSpan(run.path) + " · " + MarkdownSyntax.text(summary.line)]
        if !summary.succeeded {
            var alert = "**This run did not succeed.**"
            if !summary.troubled.isEmpty {
                alert += " See " + summary.troubled.map { "step \($0.step.number) (\(MarkdownSyntax.text($0.step.name)))" }
                    .joined(separator: ", ") + "."
            }
            lines += ["", alert]
        }
        appendMarkdownCell(lines.joined(separator: "\n"), role: "title")
    }

    /// A prose block as Markdown: as written when nothing unsafe had to be removed from it,
    /// else rebuilt from its safe HTML.
    private mutating func proseMarkdown(_ block: MarkdownBlock, cell index: Int) -> String? {
        if let markdown = prose.markdown(cell: index), safeProse.isSafeAsWritten(cell: index) {
            switch block.kind {
            case .other("code_block"): return markdown
            default: return linker.link(markdown, style: .plainText)
            }
        }
        if case let .heading(level, text, _) = block.kind {
            return String(repeating: "#", count: min(max(level, 1), 6)) + " " + linker.link(MarkdownSyntax.text(text), style: .plainText)
        }
        return MarkdownSyntax.rawHTMLBlock(linker.link(safeProse.html(cell: index, block: block), style: .plainText))
    }

    private mutating func flushProse() {
        guard !pendingProse.isEmpty else { return }
        var text = pendingProse.joined(separator: "\n\n")
        pendingProse = []
        // Jupyter renders each cell on its own, so a cell that may use a link reference
        // definition carries a copy of all of them.
        let linkDefinitions = prose.linkDefinitions
        if !linkDefinitions.isEmpty, text.contains("]") {
            text += "\n\n" + linkDefinitions.joined(separator: "\n")
        }
        appendMarkdownCell(text, role: nil)
    }

    private mutating func appendMarkdownCell(_ text: String, role: String?) {
        markdownCount += 1
        var metadata: JSONValue = [:]
        if let role { metadata = ["recbook": ["role": .string(role)]] }
        result.append([
            "cell_type": "markdown",
            "id": .string(ids.unique(role ?? "markdown-\(markdownCount)")),
            "metadata": metadata,
            "source": JupyterOutput.source(text),
        ])
    }

    private mutating func provenanceCell() {
        let provenance = run.provenance
        var lines = [
            "## Provenance", "",
            "- **recbook:** " + MarkdownSyntax.text(provenance.recbookVersion),
            "- **Notebook:** " + MarkdownSyntax.codeSpan(run.path),
            "- **Seed:** " + (provenance.seed.map { String($0) } ?? "none"),
        ]
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            lines.append("- **Run time:** " + Format.duration(run.duration))
        }
        lines += ["", "### Parameters", ""]
        lines.append(provenance.parameters.isEmpty ? "No parameters." : MarkdownTableRenderer.render(TableOutput(
            hasIndex: false, columns: [.init("Name"), .init("Value")],
            rows: provenance.parameters.map { .init(cells: [$0.name, $0.value]) }
        )))
        lines += ["", "### Data files", ""]
        lines.append(provenance.files.isEmpty ? "No data files were read." : MarkdownTableRenderer.render(TableOutput(
            hasIndex: false, columns: [.init("File"), .init("SHA-256")],
            rows: provenance.files.map { .init(cells: [$0.path, $0.sha256]) }
        )))
        appendMarkdownCell(lines.joined(separator: "\n"), role: "provenance")
    }

    // MARK: Step cells

    private mutating func stepCell(_ step: StepCellResult, cell index: Int) -> JSONValue {
        var cellOutputs: [JSONValue] = []
        switch step.status {
        case .succeeded:
            break
        case .reused(let reason):
            cellOutputs.append(JupyterOutput.markdown("*Reused from the cache: " + MarkdownSyntax.text(reason) + "*",
                                                      plain: "Reused from the cache: " + reason))
        case .failed(let message):
            cellOutputs.append(JupyterOutput.error(
                name: "StepFailed", value: message,
                traceback: ["Step \(step.number) (\(step.name)) failed:"] + message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            ))
        case .notRun(let reason):
            cellOutputs.append(JupyterOutput.markdown("*Not run: " + MarkdownSyntax.text(reason) + "*", plain: "Not run: " + reason))
        }
        if let note = StepPresentation.cacheNote(of: step) {
            cellOutputs.append(JupyterOutput.markdown("<sub>Not reused: " + MarkdownSyntax.text(note) + "</sub>",
                                                      plain: "Not reused: " + note))
        }
        for (outputIndex, output) in step.outputs.enumerated() {
            cellOutputs += outputs.outputs(for: output, entry: anchors.catalog.entry(cell: index, output: outputIndex),
                                           linker: &linker)
        }
        if !step.expectations.isEmpty {
            let items = step.expectations.map { expectation -> (markdown: String, plain: String) in
                let detail = expectation.detail.isEmpty ? "" : " (" + expectation.detail + ")"
                let mark = expectation.passed ? "✓ " : "✗ "
                return ("- " + mark + MarkdownSyntax.codeSpan(expectation.source) + MarkdownSyntax.text(detail),
                        mark + expectation.source + detail)
            }
            cellOutputs.append(JupyterOutput.markdown(items.map(\.markdown).joined(separator: "\n"),
                                                      plain: items.map(\.plain).joined(separator: "\n")))
        }
        let ran: Bool
        switch step.status {
        case .succeeded, .reused, .failed: ran = true
        case .notRun: ran = false
        }
        if ran, let value = StepPresentation.valueText(of: step) {
            cellOutputs.append(JupyterOutput.executeResult(value, executionCount: step.number))
        }

        return [
            "cell_type": "code",
            "execution_count": ran ? .int(step.number) : .null,
            "id": .string(ids.unique(ReportAnchors.id(forStep: step.number))),
            "metadata": ["recbook": stepMetadata(step)],
            "outputs": .array(cellOutputs),
            "source": JupyterOutput.source("# recbook: " + step.block.info.split(whereSeparator: \.isNewline).joined(separator: " ")
                                           + (StepPresentation.originalCells(of: step).map { "  (the original's In \($0))" } ?? "")
                                           + "\n" + step.block.literal),
        ]
    }

    private func stepMetadata(_ step: StepCellResult) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "step", value: .string(step.name)),
            (key: "number", value: .int(step.number)),
        ]
        if let binding = step.binding, !binding.isEmpty { members.append((key: "binding", value: .string(binding))) }
        if !step.originalCells.isEmpty {
            members.append((key: "original_cells", value: .array(step.originalCells.map { JSONValue.int($0) })))
        }
        switch step.status {
        case .succeeded: members.append((key: "status", value: "succeeded"))
        case .reused(let reason): members += [(key: "status", value: "reused"), (key: "reason", value: .string(reason))]
        case .failed(let message): members += [(key: "status", value: "failed"), (key: "message", value: .string(message))]
        case .notRun(let reason): members += [(key: "status", value: "notRun"), (key: "reason", value: .string(reason))]
        }
        if let note = StepPresentation.cacheNote(of: step) { members.append((key: "cacheNote", value: .string(note))) }
        if run.includesTimings, let duration = step.duration, duration.isFinite, duration >= 0 {
            members.append((key: "duration", value: .double(duration)))
        }
        return .object(members)
    }
}
