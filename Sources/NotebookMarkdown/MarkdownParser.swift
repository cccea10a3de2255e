import CCmarkGFM
import RecbookSupport

/// Parses CommonMark + GFM with cmark-gfm. This is the only file in recbook that talks to cmark.
///
/// Every cmark object lives inside one call: the parser and its document are freed by `defer`, each
/// string and position is copied into a Swift value before that, and no C pointer is returned.
public enum MarkdownParser {
    /// Parses `text` (the whole file) into a ``MarkdownDocument``.
    ///
    /// Front matter is cut out first and its lines are replaced by empty lines, so that the line
    /// numbers cmark reports are the file's. The document's blocks are the children of cmark's
    /// document node, in order; blocks nested in lists or quotes are part of their parent's HTML.
    /// - Parameters:
    ///   - text: the file's contents. CRLF line endings and a leading byte order mark are accepted.
    ///   - path: the path used in diagnostics and stored on the document.
    /// - Returns: the front matter, if any, and the top-level blocks with their ranges and HTML.
    /// - Throws: ``MarkdownError`` for unterminated front matter.
    /// - Complexity: O(*n*) in the length of `text`.
    public static func parse(_ text: String, path: String) throws(MarkdownError) -> MarkdownDocument {
        var source = SourceText(text)
        let frontMatter = try FrontMatterScanner.scan(source, path: path)
        if let frontMatter {
            source = source.blankingLines(through: frontMatter.range.endLine)
        }
        let reportedBlocks = CmarkDocument.withParsed(source.bytes) { document in
            document.topLevelBlocks()
        }
        let blocks = CmarkRangeCorrections(source: source).apply(to: reportedBlocks ?? []).map { block in
            guard case var .fencedCode(code) = block.kind else { return block }
            code.isClosed = isClosingFence(source.line(code.closingFenceLine), of: code)
            var marked = block
            marked.kind = .fencedCode(code)
            return marked
        }
        return MarkdownDocument(path: path, frontMatter: frontMatter, blocks: blocks)
    }

    /// Whether `line` closes `code`: up to three spaces, at least as many fence characters as
    /// opened it, then nothing but spaces and tabs (CommonMark 0.30, §4.5).
    static func isClosingFence(_ line: ArraySlice<UInt8>?, of code: FencedCode) -> Bool {
        guard let line, let fenceCharacter = code.fence.utf8.first else { return false }
        let indentation = line.prefix { $0 == UInt8(ascii: " ") }.count
        guard indentation <= 3 else { return false }
        let rest = line.dropFirst(indentation)
        let run = rest.prefix { $0 == fenceCharacter }.count
        return run >= code.fence.utf8.count && rest.dropFirst(run).allSatisfy(SourceText.isSpaceOrTab)
    }
}

/// Renders standalone Markdown snippets (notes written by steps) with the same options as prose.
public enum MarkdownRenderer {
    /// Renders `markdown` to HTML with the GFM extensions and options used for notebooks.
    /// - Parameter markdown: a Markdown snippet.
    /// - Returns: the HTML fragment cmark-gfm produces for it.
    /// - Complexity: O(*n*) in the length of `markdown`.
    public static func html(_ markdown: String) -> String {
        CmarkDocument.withParsed(Array(markdown.utf8)) { document in
            document.html(of: document.root)
        } ?? ""
    }
}

/// A parsed cmark document and the parser's extension list, valid only inside ``withParsed(_:_:)``.
private struct CmarkDocument {
    /// Raw HTML stays (notebook authors may write it), while the tagfilter extension still
    /// neutralises `<script>`, `<iframe>` and the like. Tagfilter leaves event handlers and
    /// `javascript:` links alone: reports sanitize this HTML before showing it (Report's SafeProse). `CMARK_OPT_SOURCEPOS` is deliberately absent:
    /// positions are read from the nodes, not from `data-sourcepos` attributes in the HTML.
    private static let options: Int32 = CMARK_OPT_UNSAFE | CMARK_OPT_FOOTNOTES | CMARK_OPT_GITHUB_PRE_LANG
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Registers the GFM extensions with cmark exactly once; cmark's own registration is not
    /// thread-safe, Swift's lazy initialisation of a static is.
    private static let coreExtensionsRegistered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// The document node.
    let root: OpaquePointer
    /// The parser's attached extensions; rendering needs them for tables, strikethrough and tagfilter.
    private let extensions: UnsafeMutablePointer<cmark_llist>?
    /// The allocator behind every node and every rendered string.
    private let allocator: UnsafeMutablePointer<cmark_mem>

    /// Parses `bytes` with the GFM extensions, calls `body` with the document and frees everything.
    /// - Returns: what `body` returns, or `nil` if cmark could not allocate a parser or document
    ///   (cmark's default allocator aborts instead, so in practice this is never `nil`).
    static func withParsed<Result>(_ bytes: [UInt8], _ body: (CmarkDocument) -> Result) -> Result? {
        _ = coreExtensionsRegistered
        guard let allocator = cmark_get_default_mem_allocator(),
              let parser = cmark_parser_new_with_mem(options, allocator)
        else { return nil }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            // The extensions ship with cmark-gfm itself; a missing one would only mean plainer HTML.
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                if let start = characters.baseAddress {
                    cmark_parser_feed(parser, start, characters.count)
                }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(root) }
        let document = CmarkDocument(
            root: root, extensions: cmark_parser_get_syntax_extensions(parser), allocator: allocator
        )
        return body(document)
    }

    /// Copies the document node's children into ``MarkdownBlock`` values, with positions as cmark
    /// reports them.
    ///
    /// cmark moves every referenced footnote definition to the end of the document. A run of them
    /// becomes one block, so that the footnotes render as one numbered list.
    func topLevelBlocks() -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var next = cmark_node_first_child(root)
        while let node = next {
            if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION {
                var definitions: [OpaquePointer] = []
                while let definition = next, cmark_node_get_type(definition) == CMARK_NODE_FOOTNOTE_DEFINITION {
                    definitions.append(definition)
                    next = cmark_node_next(definition)
                }
                blocks.append(footnotesBlock(definitions))
            } else {
                blocks.append(MarkdownBlock(kind: kind(of: node), range: range(of: node), html: html(of: node)))
                next = cmark_node_next(node)
            }
        }
        return blocks
    }

    /// The HTML cmark renders for `node` and its descendants.
    func html(of node: OpaquePointer) -> String {
        guard let rendered = cmark_render_html(node, Self.options, extensions) else { return "" }
        defer { allocator.pointee.free(rendered) }
        return String(cString: rendered)
    }

    private func kind(of node: OpaquePointer) -> MarkdownBlock.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return heading(node)
        case CMARK_NODE_CODE_BLOCK:
            return fencedCode(node).map(MarkdownBlock.Kind.fencedCode) ?? .other("code_block")
        case CMARK_NODE_PARAGRAPH:
            return .paragraph
        case CMARK_NODE_LIST:
            return .list
        case CMARK_NODE_BLOCK_QUOTE:
            return .blockQuote
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        case CMARK_NODE_HTML_BLOCK:
            return .htmlBlock
        default:
            // Extension nodes (the table) have no fixed type value, only a name.
            let typeName = cmark_node_get_type_string(node).map { String(cString: $0) } ?? "<unknown>"
            return typeName == "table" ? .table : .other(typeName)
        }
    }

    private func heading(_ node: OpaquePointer) -> MarkdownBlock.Kind {
        let level = Int(cmark_node_get_heading_level(node))
        let html = html(of: node)
        let openingTag = "<h\(level)>"
        let closingTag = "</h\(level)>"
        var inlineHTML = Substring(html)
        if inlineHTML.hasSuffix("\n") { inlineHTML.removeLast() }
        if inlineHTML.hasPrefix(openingTag), inlineHTML.hasSuffix(closingTag) {
            inlineHTML = inlineHTML.dropFirst(openingTag.count).dropLast(closingTag.count)
        }
        return .heading(level: level, text: plainText(of: node), inlineHTML: String(inlineHTML))
    }

    /// The text of `node`'s inlines without markup: text and code spans, with line breaks as spaces.
    /// Walks with cmark's iterator rather than by recursion, so deep nesting cannot exhaust the stack.
    private func plainText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let inline = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(inline) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += literal(of: inline)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                text += " "
            default:
                break
            }
        }
        return text
    }

    /// The fenced code block `node` is, or `nil` for an indented code block.
    private func fencedCode(_ node: OpaquePointer) -> FencedCode? {
        var fenceLength: Int32 = 0
        var fenceOffset: Int32 = 0
        var fenceCharacter: CChar = 0
        guard cmark_node_get_fenced(node, &fenceLength, &fenceOffset, &fenceCharacter) != 0 else { return nil }
        let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
        let trimmedInfo = info.trimmingWhitespace()
        let fenceLine = Int(cmark_node_get_start_line(node))
        return FencedCode(
            info: trimmedInfo,
            language: String(trimmedInfo.prefix { !$0.isWhitespace }),
            literal: literal(of: node),
            fenceLine: fenceLine,
            fenceColumn: Int(cmark_node_get_start_column(node)),
            bodyFirstLine: fenceLine + 1,
            bodyColumn: 1 + Int(fenceOffset),
            fence: String(
                repeating: Character(Unicode.Scalar(UInt8(bitPattern: fenceCharacter))),
                count: max(Int(fenceLength), 0)
            )
        )
    }

    /// One block for consecutive footnote definitions, rendered together in a scratch document so
    /// that cmark emits a single `<section class="footnotes">` list. Its range runs from the earliest
    /// definition to the latest in the source.
    private func footnotesBlock(_ definitions: [OpaquePointer]) -> MarkdownBlock {
        let ranges = definitions.map(range(of:))
        let first = ranges.min { ($0.startLine, $0.startColumn) < ($1.startLine, $1.startColumn) }
        let last = ranges.max { ($0.endLine, $0.endColumn) < ($1.endLine, $1.endColumn) }
        let range = SourceRange(
            startLine: first?.startLine ?? 1, startColumn: first?.startColumn ?? 1,
            endLine: last?.endLine ?? 1, endColumn: last?.endColumn ?? 1
        )
        var html = ""
        if let scratch = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, allocator) {
            // Appending moves each definition out of the parsed document; freeing the scratch
            // document frees them, and nothing reads them afterwards.
            defer { cmark_node_free(scratch) }
            for definition in definitions {
                cmark_node_append_child(scratch, definition)
            }
            html = self.html(of: scratch)
        }
        return MarkdownBlock(kind: .other("footnote_definition"), range: range, html: html)
    }

    private func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(
            startLine: Int(cmark_node_get_start_line(node)),
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)),
            endColumn: Int(cmark_node_get_end_column(node))
        )
    }

    private func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    fileprivate func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
