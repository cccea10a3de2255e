import Foundation

/// One file a renderer produced, with its path relative to the directory the report goes in.
public struct RenderedFile: Sendable, Hashable {
    /// A relative path with `/` separators, for example `movie-recommender.md` or
    /// `movie-recommender_files/figure-3.svg`. Never absolute, never containing `..`.
    public var relativePath: String
    public var contents: Data

    public init(relativePath: String, contents: Data) {
        self.relativePath = relativePath
        self.contents = contents
    }

    /// A UTF-8 text file.
    public init(relativePath: String, text: String) {
        self.init(relativePath: relativePath, contents: Data(text.utf8))
    }
}

/// Everything one report format produces for a run: the main file, the files it links to, and
/// what a caller may want to warn about.
///
/// The caller writes every file, each atomically; ``attachments`` lie in folders that may not
/// exist yet.
public struct RenderedDocument: Sendable {
    /// The report itself, for example `movie-recommender.md`.
    public var main: RenderedFile
    /// Files the report refers to by relative path (the Markdown report's SVG figures), in the
    /// order they are referred to. Empty for self-contained formats.
    public var attachments: [RenderedFile]
    /// `@fig-…` / `@tbl-…` references that named no figure or table, in order of appearance.
    public var unresolvedReferences: [String]

    public init(main: RenderedFile, attachments: [RenderedFile] = [], unresolvedReferences: [String] = []) {
        self.main = main
        self.attachments = attachments
        self.unresolvedReferences = unresolvedReferences
    }

    /// The main file followed by the attachments.
    public var files: [RenderedFile] { [main] + attachments }
}
