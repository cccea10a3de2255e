import Foundation

/// One file a renderer produced, with its path relative to the directory the report goes in.
public struct RenderedFile: Sendable, Hashable {
    /// A relative path with `/` separators, for example `movie-recommender.md` or
    /// `movie-recommender_files/figure-3-1f0c2a9b7d4e.svg`. Never absolute, never containing `..`.
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
    /// The folder, beside the main file, that holds this format's attachments (`NAME_files`),
    /// whether or not this run has any: attachments of earlier runs in it are removed. Nil for
    /// self-contained formats.
    public var attachmentFolder: String?

    public init(
        main: RenderedFile, attachments: [RenderedFile] = [], unresolvedReferences: [String] = [],
        attachmentFolder: String? = nil
    ) {
        self.main = main
        self.attachments = attachments
        self.unresolvedReferences = unresolvedReferences
        self.attachmentFolder = attachmentFolder
    }

    /// The name of an attachment file in ``attachmentFolder`` whose content has digest `sha256`:
    /// `figure-3-1f0c2a9b7d4e.svg`. Naming by content means a new run never overwrites a file
    /// that the report already on disk shows.
    static func attachmentName(number: Int, sha256: String) -> String {
        "figure-\(number)-\(sha256.prefix(12)).svg"
    }

    /// Whether `name` is an attachment name that ``attachmentName(number:sha256:)`` makes, or an
    /// older recbook made (`figure-3.svg`).
    static func isAttachmentName(_ name: String) -> Bool {
        guard name.hasPrefix("figure-"), name.hasSuffix(".svg") else { return false }
        let middle = name.dropFirst("figure-".count).dropLast(".svg".count).split(separator: "-", omittingEmptySubsequences: false)
        guard let number = middle.first, !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber) else { return false }
        return middle.count == 1 || (middle.count == 2 && middle[1].count == 12 && middle[1].allSatisfy(\.isHexDigit))
    }

    /// The main file followed by the attachments.
    public var files: [RenderedFile] { [main] + attachments }
}
