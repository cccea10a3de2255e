import CCmarkGFM
import RecbookSupport

/// Parses CommonMark + GFM with cmark-gfm. This is the only file in recbook that talks to cmark.
public enum MarkdownParser {
    /// Parses `text` (the whole file) into a ``MarkdownDocument``.
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the path used in diagnostics and stored on the document.
    /// - Throws: ``MarkdownError`` for unterminated front matter.
    public static func parse(_ text: String, path: String) throws(MarkdownError) -> MarkdownDocument {
        fatalError("not yet implemented")
    }
}

/// Renders standalone Markdown snippets (notes written by steps) with the same options as prose.
public enum MarkdownRenderer {
    public static func html(_ markdown: String) -> String {
        fatalError("not yet implemented")
    }
}
