/// One thing a step shows. Steps return outputs as data; the renderers in `Report` turn the same
/// values into HTML, terminal text, Markdown, ipynb and JSON.
public enum Output: Hashable, Sendable, Codable {
    /// Preformatted text, shown as the original notebook's printed lines.
    case text(String)
    /// A table preview.
    case table(TableOutput)
    /// A chart: SVG in HTML, ASCII in the terminal.
    case figure(Figure)
    /// A short remark in Markdown, rendered like prose (for example "the original differs here because …").
    case note(Note)
}

/// A remark attached to a step's outputs.
public struct Note: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable { case info, warning }
    public var kind: Kind
    /// CommonMark text written by recbook, never raw data: data inside it must already be escaped
    /// for Markdown by whoever builds the note.
    public var markdown: String

    public init(_ kind: Kind = .info, markdown: String) {
        self.kind = kind
        self.markdown = markdown
    }
}
