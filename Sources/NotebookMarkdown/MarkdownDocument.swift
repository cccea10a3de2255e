import RecbookSupport

/// A span of source text: 1-based lines and columns, the end inclusive.
///
/// Columns count UTF-8 bytes, as cmark and compilers do (a line starting with a byte order mark
/// counts from after it). Positions are cmark's, except where cmark-gfm reports a block's extent
/// wrongly (a setext heading, a paragraph directly above a table, a block followed by blank lines);
/// those are repaired so that a range always starts and ends on lines of the block itself.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    public var description: String { "\(startLine):\(startColumn)-\(endLine):\(endColumn)" }
}

/// A Markdown file as recbook sees it: optional YAML front matter, then a flat list of
/// top-level blocks, each with its source range and its HTML as cmark-gfm renders it.
///
/// No cmark pointer survives parsing; everything here is a Swift value.
public struct MarkdownDocument: Sendable {
    /// The path the document was read from, as given (used in diagnostics).
    public var path: String
    public var frontMatter: FrontMatter?
    public var blocks: [MarkdownBlock]

    public init(path: String, frontMatter: FrontMatter?, blocks: [MarkdownBlock]) {
        self.path = path
        self.frontMatter = frontMatter
        self.blocks = blocks
    }
}

/// The YAML between a leading `---` line and the next `---` or `...` line.
public struct FrontMatter: Sendable, Hashable {
    /// The YAML text, without the delimiter lines; each line keeps its line ending (LF).
    public var yaml: String
    /// The file line on which the YAML text's first line sits (the line after the opening `---`).
    public var firstLine: Int
    /// The whole block including both delimiters.
    public var range: SourceRange

    public init(yaml: String, firstLine: Int, range: SourceRange) {
        self.yaml = yaml
        self.firstLine = firstLine
        self.range = range
    }
}

/// One top-level block of the document.
public struct MarkdownBlock: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An ATX or setext heading. `text` is its plain text (for the table of contents and
        /// anchors); `inlineHTML` is its content rendered as HTML, without the `<hN>` tags.
        case heading(level: Int, text: String, inlineHTML: String)
        /// A fenced code block (indented code blocks are `.other("code_block")`).
        case fencedCode(FencedCode)
        case paragraph
        case list
        case blockQuote
        case table
        case thematicBreak
        case htmlBlock
        /// Any other node type, by cmark's type name. Never a crash on an unknown node.
        ///
        /// Indented code blocks are `"code_block"`. Footnote definitions, which cmark gathers at the
        /// end of the document, form a single final `"footnote_definition"` block rendered as one
        /// footnotes section; its range runs from the first definition to the last in the source.
        case other(String)
    }

    public var kind: Kind
    public var range: SourceRange
    /// The block as cmark-gfm renders it to HTML (GFM tables, strikethrough, autolinks, task
    /// lists; the tagfilter extension escapes a few dangerous tags). Raw HTML, event handlers
    /// included, passes through: not safe to show as it is.
    public var html: String

    public init(kind: Kind, range: SourceRange, html: String) {
        self.kind = kind
        self.range = range
        self.html = html
    }
}

/// A fenced code block: ```` ```info ```` … ```` ``` ````.
public struct FencedCode: Sendable, Hashable {
    /// The whole info string, trimmed, for example `python` or `{svd} label=x`.
    public var info: String
    /// The first word of the info string (may be empty).
    public var language: String
    /// The body, exactly as cmark gives it (fence indentation removed, ending with a newline
    /// unless empty).
    public var literal: String
    /// The line and column of the opening fence.
    public var fenceLine: Int
    public var fenceColumn: Int
    /// The file line of the body's first line (`fenceLine + 1`).
    public var bodyFirstLine: Int
    /// The file column that column 1 of the body corresponds to (1 + fence indentation).
    public var bodyColumn: Int
    /// The fence characters, for example "```" or "~~~~", so the block can be written back.
    public var fence: String
    /// False when no closing fence ends the block, so that (as CommonMark says) it runs to the
    /// end of the file and everything after its opening fence is its body.
    public var isClosed: Bool

    /// The line of the closing fence: the line after the body (for an unclosed block, past the
    /// end of the file).
    public var closingFenceLine: Int {
        bodyFirstLine + literal.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// The file line of the first body line that opens a fence like this block's own (as many
    /// fence characters or more, then an info string), or nil when none does. Such a line is how
    /// a missing closing fence shows: the next block's opening fence fell inside this block, and
    /// that block's closing fence closed this one.
    public var lineOpeningAnotherFence: Int? {
        guard let fenceCharacter = fence.utf8.first else { return nil }
        let lines = literal.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (offset, line) in lines.enumerated() {
            let indentation = line.prefix { $0 == UInt8(ascii: " ") }.count
            guard indentation <= 3 else { continue }
            let rest = line.dropFirst(indentation)
            let run = rest.prefix { $0 == fenceCharacter }.count
            if run >= fence.utf8.count, rest.dropFirst(run).contains(where: { !SourceText.isSpaceOrTab($0) }) {
                return bodyFirstLine + offset
            }
        }
        return nil
    }

    public init(
        info: String, language: String, literal: String, fenceLine: Int, fenceColumn: Int,
        bodyFirstLine: Int, bodyColumn: Int, fence: String, isClosed: Bool = true
    ) {
        self.info = info
        self.language = language
        self.literal = literal
        self.fenceLine = fenceLine
        self.fenceColumn = fenceColumn
        self.bodyFirstLine = bodyFirstLine
        self.bodyColumn = bodyColumn
        self.fence = fence
        self.isClosed = isClosed
    }
}

/// A problem that stops a Markdown file from being read at all.
public struct MarkdownError: Error, Sendable, Hashable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): error: \(message)" }
}
