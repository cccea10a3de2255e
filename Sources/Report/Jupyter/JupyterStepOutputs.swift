import Outputs
import RecbookSupport

/// Turns one step output into notebook outputs, each with a plain-text fallback so that a viewer
/// that shows only text (or a Jupyter that does not yet trust the notebook's SVG) still shows it.
struct JupyterStepOutputs {
    let chartRenderer: SVGChartRenderer
    let asciiChartRenderer: ASCIIChartRenderer
    let tableRenderer: TerminalTableRenderer
    /// The run's series colours, so that a series is the same colour in every figure.
    let colours: SeriesColours

    /// - Parameters:
    ///   - output: the step's output.
    ///   - entry: its number, for tables and figures.
    ///   - linker: resolves `@fig-`/`@tbl-` references in notes.
    /// - Returns: one output, or two for a captioned figure (the caption follows it).
    func outputs(for output: Output, entry: OutputCatalog.Entry?, linker: inout MarkdownCrossReferenceLinker) -> [JSONValue] {
        switch output {
        case .text(let text):
            return [JupyterOutput.stream(text)]
        case .table(let table):
            // Captions go above tables and below figures, as in the HTML report.
            let caption = entry.map { Self.caption($0, table.caption) }
            var html = HTMLTableRenderer.render(table)
            var plain = tableRenderer.render(table)
            if let caption {
                html = MarkupNode.element("p", ["class": "caption"], [
                    .element("strong", text: caption.number), .text(caption.text.map { " " + $0 } ?? ""),
                ]).rendered() + html
                plain = caption.plain + "\n" + plain
            }
            return [JupyterOutput.displayData([("text/html", html), ("text/plain", plain)])]
        case .figure(let figure):
            var result = [JupyterOutput.displayData([
                ("image/svg+xml", chartRenderer.renderStandalone(figure, colours: colours)),
                ("text/plain", asciiChartRenderer.render(figure)),
            ])]
            if let entry {
                let caption = Self.caption(entry, figure.caption)
                result.append(JupyterOutput.markdown(
                    "**" + caption.number + "**" + (caption.text.map { " " + MarkdownSyntax.text($0) } ?? ""),
                    plain: caption.plain
                ))
            }
            return result
        case .note(let note):
            let kind = note.kind == .warning ? "Warning" : "Note"
            let body = linker.link(note.markdown.trimmingCharacters(in: .whitespacesAndNewlines), style: .plainText)
            return [JupyterOutput.markdown("**\(kind):** " + body, plain: kind + ": " + body)]
        }
    }

    /// "Table 1." and the caption text, if any, and both as one plain line.
    private static func caption(_ entry: OutputCatalog.Entry, _ caption: String?) -> (number: String, text: String?, plain: String) {
        let text = caption.flatMap { $0.isEmpty ? nil : $0 }
        let number = entry.title + "."
        return (number, text, number + (text.map { " " + $0 } ?? ""))
    }
}
