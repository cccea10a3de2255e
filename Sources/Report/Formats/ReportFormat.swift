import RunModel

/// The formats `recbook run --format` writes, each a renderer of the same ``NotebookRun``.
///
/// Every format is deterministic: with ``NotebookRun/includesTimings`` false, rendering the same
/// run twice gives the same bytes.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// One self-contained HTML page (``HTMLReportRenderer``).
    case html
    /// GitHub-flavoured Markdown with SVG figures beside it (``MarkdownReportRenderer``).
    case markdown = "md"
    /// A Jupyter notebook, nbformat 4.5 (``JupyterNotebookRenderer``).
    case ipynb
    /// The run as JSON for other tools, described by ``JSONReportRenderer/schema``.
    case json

    /// The main file's extension, without the dot; the same as the format's name.
    public var fileExtension: String { rawValue }

    /// Renders `run` in this format with the default settings.
    /// - Parameters:
    ///   - run: what happened.
    ///   - name: the report's base name, usually the notebook's file name without extension; the
    ///     main file is `name.<extension>`, and attachments go in `name_files/`.
    ///   - source: the notebook's text. The Markdown and ipynb formats copy prose out of it, so
    ///     that it reads as written; without it they fall back to the HTML cmark-gfm rendered.
    /// - Returns: the files to write. Unless the run ``NotebookRun/showsCacheDetails``, they
    ///   show it as ``NotebookRun/published()`` does: as if every step ran, with its real time.
    public func render(_ run: NotebookRun, name: String, source: String?) -> RenderedDocument {
        let run = run.published()
        return switch self {
        case .html: HTMLReportRenderer().document(for: run, name: name)
        case .markdown: MarkdownReportRenderer().render(run, name: name, source: source)
        case .ipynb: JupyterNotebookRenderer().render(run, name: name, source: source)
        case .json: JSONReportRenderer().render(run, name: name, source: source)
        }
    }

    /// `name`, made safe to use as a file name: separators and control characters become `_`,
    /// and an empty or dot-only name becomes `notebook`.
    static func safeBaseName(_ name: String) -> String {
        let cleaned = String(name.map { character -> Character in
            character == "/" || character == "\\" || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
                ? "_" : character
        })
        return cleaned.allSatisfy { $0 == "." } ? "notebook" : cleaned
    }
}
