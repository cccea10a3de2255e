import Outputs

/// Writes one step output into the report: text as preformatted lines, tables and figures
/// numbered and captioned, notes rendered from Markdown like prose.
struct OutputHTML {
    let chartRenderer: SVGChartRenderer
    /// The run's series colours, so that a series is the same colour in every figure.
    let colours: SeriesColours
    let noteRenderer: @Sendable (String) -> String

    /// - Parameters:
    ///   - output: the output.
    ///   - entry: its number and id, for tables and figures.
    ///   - linker: links `@fig-`/`@tbl-` references in notes.
    func node(for output: Output, entry: OutputCatalog.Entry?, linker: inout CrossReferenceLinker) -> MarkupNode {
        switch output {
        case .text(let text):
            return .element("pre", ["class": "output-text"], text: text)
        case .table(let table):
            // Captions go above tables and below figures, as in print.
            return .element("figure", ["class": "output-table", "id": entry?.id], [
                caption(entry, table.caption),
                HTMLTableRenderer.node(for: table),
            ])
        case .figure(let figure):
            return .element("figure", ["class": "output-figure", "id": entry?.id], [
                .element("div", ["class": "chart-scroll"], [.trusted(chartRenderer.render(figure, colours: colours))]),
                caption(entry, figure.caption),
            ])
        case .note(let note):
            let kind = note.kind == .warning ? "warning" : "info"
            return .element("aside", ["class": "note \(kind)", "role": "note"], [
                .element("p", ["class": "note-kind"], text: note.kind == .warning ? "Warning" : "Note"),
                .trusted(linker.link(SafeProse.stepHTML(noteRenderer(note.markdown)))),
            ])
        }
    }

    private func caption(_ entry: OutputCatalog.Entry?, _ caption: String?) -> MarkupNode {
        guard let entry else { return .empty }
        var parts: [MarkupNode] = [.element("span", ["class": "number"], text: entry.title + ".")]
        if let caption, !caption.isEmpty { parts.append(.text(" " + caption)) }
        return .element("figcaption", parts)
    }
}
