import Foundation
import NotebookMarkdown
import Outputs
import RecbookSupport
import RunModel

/// Renders a ``NotebookRun`` as JSON for other tools: the notebook, its provenance, and every
/// cell in order with what happened when it ran, in the versioned shape that ``schema`` documents.
///
/// The document is `{"format": "recbook-run", "version": 1, …}`. Optional members are left out
/// rather than written as `null`, except where the schema says `null` carries meaning (a seed that
/// was not set, a number that was not finite). With ``NotebookRun/includesTimings`` false no
/// `duration` member is written, so the same run always gives the same bytes.
public struct JSONReportRenderer: Sendable {
    /// The format's name, the document's `format` member.
    public static let formatName = "recbook-run"
    /// The format's version, the document's `version` member. It changes when a member is
    /// removed or changes meaning; new optional members do not change it.
    public static let formatVersion = 1

    /// The JSON Schema (draft-07) of the document, with a description of every member.
    public static var schema: String { RunJSONSchema.text }

    private let chartRenderer: SVGChartRenderer

    /// - Parameter chartRenderer: draws each figure's `svg` member.
    public init(chartRenderer: SVGChartRenderer = SVGChartRenderer()) {
        self.chartRenderer = chartRenderer
    }

    /// The run as a file named `name.json`: pretty-printed with two-space indentation, ending
    /// with a newline.
    /// - Parameters:
    ///   - run: what happened.
    ///   - name: the base name, usually the notebook's file name without its extension.
    ///   - source: the notebook's text; when given, each prose cell also carries its Markdown.
    public func render(_ run: NotebookRun, name: String, source: String?) -> RenderedDocument {
        let (document, unresolved) = json(for: run, source: source)
        return RenderedDocument(
            main: RenderedFile(relativePath: ReportFormat.safeBaseName(name) + ".json",
                               text: document.serialized(pretty: true) + "\n"),
            unresolvedReferences: unresolved
        )
    }

    /// The run as a JSON value, and the `@fig-`/`@tbl-` references in its prose and notes that
    /// named no figure or table.
    /// - Complexity: O(n) in the size of the run's cells and outputs.
    public func json(for run: NotebookRun, source: String?) -> (document: JSONValue, unresolvedReferences: [String]) {
        let anchors = ReportAnchors(run: run)
        let prose = ProseSource(run: run, source: source)
        let safeProse = SafeProse(run: run)
        // References are not rewritten here (tools get the labels and numbers to resolve them),
        // but the ones that resolve to nothing are reported as the other formats report them.
        var linker = CrossReferenceLinker(catalog: anchors.catalog)
        var cells: [JSONValue] = []
        for (index, cell) in run.cells.enumerated() {
            switch cell {
            case .prose(let block):
                let html = safeProse.html(cell: index, block: block)
                _ = linker.link(html)
                // Prose from which something unsafe was removed is given as its safe HTML.
                let markdown = safeProse.isSafeAsWritten(cell: index) ? prose.markdown(cell: index) : MarkdownSyntax.rawHTMLBlock(html)
                cells.append(proseCell(block, html: html, markdown: markdown))
            case .code(let code):
                cells.append(["type": "code", "language": .string(code.language), "info": .string(code.info),
                              "source": .string(code.literal), "line": .int(code.fenceLine)])
            case .step(let step):
                for case .note(let note) in step.outputs { _ = linker.link(note.markdown) }
                cells.append(stepCell(step, cell: index, anchors: anchors, includesTimings: run.includesTimings))
            }
        }

        var document: [(key: String, value: JSONValue)] = [
            (key: "format", value: .string(Self.formatName)),
            (key: "version", value: .int(Self.formatVersion)),
            (key: "title", value: .string(run.title)),
            (key: "path", value: .string(run.path)),
            (key: "succeeded", value: .bool(run.succeeded)),
            (key: "summary", value: summary(run)),
        ]
        if run.includesTimings, run.duration.isFinite, run.duration >= 0 {
            document.append((key: "duration", value: .double(run.duration)))
            if let peak = run.peakResidentBytes { document.append((key: "peakMemoryBytes", value: .int(peak))) }
        }
        document.append((key: "provenance", value: provenance(run.provenance)))
        document.append((key: "cells", value: .array(cells)))
        return (.object(document), linker.unresolved)
    }

    private func summary(_ run: NotebookRun) -> JSONValue {
        let steps = run.stepResults
        func count(_ predicate: (StepStatus) -> Bool) -> JSONValue { .int(steps.filter { predicate($0.status) }.count) }
        let expectations = steps.flatMap(\.expectations)
        return [
            "steps": .int(steps.count),
            "succeeded": count { if case .succeeded = $0 { true } else { false } },
            "reused": count { if case .reused = $0 { true } else { false } },
            "failed": count { if case .failed = $0 { true } else { false } },
            "notRun": count { if case .notRun = $0 { true } else { false } },
            "expectations": .int(expectations.count),
            "expectationsHeld": .int(expectations.filter(\.passed).count),
        ]
    }

    private func provenance(_ provenance: Provenance) -> JSONValue {
        [
            "recbookVersion": .string(provenance.recbookVersion),
            "seed": provenance.seed.map { JSONValue.int($0) } ?? .null,
            "parameters": .array(provenance.parameters.map { ["name": .string($0.name), "value": .string($0.value)] }),
            "files": .array(provenance.files.map { ["path": .string($0.path), "sha256": .string($0.sha256)] }),
        ]
    }

    private func proseCell(_ block: MarkdownBlock, html: String, markdown: String?) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [(key: "type", value: "prose")]
        switch block.kind {
        case let .heading(level, text, _):
            members += [(key: "kind", value: "heading"), (key: "level", value: .int(level)), (key: "text", value: .string(text))]
        case .fencedCode: members.append((key: "kind", value: "fencedCode"))
        case .paragraph: members.append((key: "kind", value: "paragraph"))
        case .list: members.append((key: "kind", value: "list"))
        case .blockQuote: members.append((key: "kind", value: "blockQuote"))
        case .table: members.append((key: "kind", value: "table"))
        case .thematicBreak: members.append((key: "kind", value: "thematicBreak"))
        case .htmlBlock: members.append((key: "kind", value: "htmlBlock"))
        case .other(let nodeType): members += [(key: "kind", value: "other"), (key: "nodeType", value: .string(nodeType))]
        }
        let range = block.range
        members.append((key: "range", value: [
            "startLine": .int(range.startLine), "startColumn": .int(range.startColumn),
            "endLine": .int(range.endLine), "endColumn": .int(range.endColumn),
        ]))
        members.append((key: "html", value: .string(html)))
        if let markdown { members.append((key: "markdown", value: .string(markdown))) }
        return .object(members)
    }

    private func stepCell(_ step: StepCellResult, cell index: Int, anchors: ReportAnchors, includesTimings: Bool) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [
            (key: "type", value: "step"),
            (key: "number", value: .int(step.number)),
            (key: "name", value: .string(step.name)),
            (key: "anchor", value: .string(anchors.stepID(cell: index, number: step.number))),
            (key: "info", value: .string(step.block.info)),
            (key: "source", value: .string(step.block.literal)),
            (key: "line", value: .int(step.block.fenceLine)),
        ]
        if let binding = step.binding, !binding.isEmpty { members.append((key: "binding", value: .string(binding))) }
        switch step.status {
        case .succeeded: members.append((key: "status", value: "succeeded"))
        case .reused(let reason): members += [(key: "status", value: "reused"), (key: "reason", value: .string(reason))]
        case .failed(let message): members += [(key: "status", value: "failed"), (key: "message", value: .string(message))]
        case .notRun(let reason): members += [(key: "status", value: "notRun"), (key: "reason", value: .string(reason))]
        }
        if let note = step.cacheNote, !note.isEmpty { members.append((key: "cacheNote", value: .string(note))) }
        if includesTimings, let duration = step.duration, duration.isFinite, duration >= 0 {
            members.append((key: "duration", value: .double(duration)))
        }
        if let summary = step.valueSummary, !summary.isEmpty { members.append((key: "valueSummary", value: .string(summary))) }
        let outputs = step.outputs.enumerated().map { outputIndex, output in
            self.output(output, entry: anchors.catalog.entry(cell: index, output: outputIndex), colours: anchors.seriesColours)
        }
        members.append((key: "outputs", value: .array(outputs)))
        members.append((key: "expectations", value: .array(step.expectations.map {
            ["source": .string($0.source), "passed": .bool($0.passed), "detail": .string($0.detail)]
        })))
        return .object(members)
    }

    private func output(_ output: Output, entry: OutputCatalog.Entry?, colours: SeriesColours) -> JSONValue {
        switch output {
        case .text(let text):
            return ["type": "text", "text": .string(text)]
        case .note(let note):
            return ["type": "note", "kind": .string(note.kind.rawValue), "markdown": .string(note.markdown)]
        case .table(let table):
            var members: [(key: String, value: JSONValue)] = [(key: "type", value: "table")]
            members += numbering(entry, label: table.label, caption: table.caption)
            if let name = table.indexName { members.append((key: "indexName", value: .string(name))) }
            if let name = table.columnsName { members.append((key: "columnsName", value: .string(name))) }
            members += [
                (key: "hasIndex", value: .bool(table.hasIndex)),
                (key: "columns", value: .array(table.columns.map { ["name": .string($0.name), "numeric": .bool($0.isNumeric)] })),
                (key: "rows", value: .array(table.rows.map { row in
                    var members: [(key: String, value: JSONValue)] = []
                    if let label = row.label { members.append((key: "label", value: .string(label))) }
                    members.append((key: "cells", value: .array(row.cells.map(JSONValue.string))))
                    return .object(members)
                })),
            ]
            if let after = table.rowEllipsisAfter { members.append((key: "rowEllipsisAfter", value: .int(after))) }
            if let after = table.columnEllipsisAfter { members.append((key: "columnEllipsisAfter", value: .int(after))) }
            members += [
                (key: "shape", value: ["rows": .int(table.totalRows), "columns": .int(table.totalColumns)]),
                (key: "showsShape", value: .bool(table.showsShape)),
            ]
            return .object(members)
        case .figure(let figure):
            var members: [(key: String, value: JSONValue)] = [(key: "type", value: "figure")]
            members += numbering(entry, label: figure.label, caption: figure.caption)
            members += [
                (key: "title", value: .string(figure.title)),
                (key: "xAxis", value: FigureJSON.axis(figure.xAxis)),
                (key: "yAxis", value: FigureJSON.axis(figure.yAxis)),
                (key: "marks", value: .array(figure.marks.map(FigureJSON.mark))),
                (key: "svg", value: .string(chartRenderer.renderStandalone(figure, colours: colours))),
            ]
            return .object(members)
        }
    }

    /// `number`, `anchor`, and `label` and `caption` when present.
    private func numbering(_ entry: OutputCatalog.Entry?, label: String?, caption: String?) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        if let entry { members += [(key: "number", value: .int(entry.number)), (key: "anchor", value: .string(entry.id))] }
        if let label, !label.isEmpty { members.append((key: "label", value: .string(label))) }
        if let caption, !caption.isEmpty { members.append((key: "caption", value: .string(caption))) }
        return members
    }
}
