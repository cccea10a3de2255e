/// Small pieces of Markdown written from data, each safe whatever the data contains.
enum MarkdownSyntax {
    /// A fenced code block, ending with a newline.
    ///
    /// The fence is one character longer than the longest run of its character in `body`, so no
    /// line of the body can close it early; an info string containing a backtick, which a backtick
    /// fence cannot carry, gets a tilde fence.
    /// - Parameters:
    ///   - info: the info string, for example `python` or `{svd} as: model`; line breaks become spaces.
    ///   - body: the lines inside the fence.
    static func fencedBlock(info: String, body: String) -> String {
        let fenceCharacter: Character = info.contains("`") ? "~" : "`"
        var longestRun = 0
        var run = 0
        for character in body {
            run = character == fenceCharacter ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let fence = String(repeating: fenceCharacter, count: max(3, longestRun + 1))
        let oneLineInfo = info.split(whereSeparator: \.isNewline).joined(separator: " ")
        var block = fence + oneLineInfo + "\n" + body
        if !body.isEmpty, !body.hasSuffix("\n") { block += "\n" }
        return block + fence + "\n"
    }

    /// A code span showing `text` literally: delimited by one more backtick than its longest
    /// backtick run, padded with spaces when it starts or ends with a backtick.
    static func codeSpan(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longestRun = 0
        var run = 0
        for character in oneLine {
            run = character == "`" ? run + 1 : 0
            longestRun = max(longestRun, run)
        }
        let delimiter = String(repeating: "`", count: longestRun + 1)
        let padding = oneLine.hasPrefix("`") || oneLine.hasSuffix("`") ? " " : ""
        return delimiter + padding + oneLine + padding + delimiter
    }

    /// `text` as inline Markdown that reads literally: punctuation that could start emphasis, a
    /// link, raw HTML, an entity or a table cell boundary is backslash-escaped, and line breaks
    /// become spaces.
    static func text(_ text: String) -> String {
        MarkdownTableRenderer.escape(text)
    }

    /// `markdown` as a block quote: every line prefixed with `> ` (`>` alone on blank lines).
    static func blockQuote(_ markdown: String) -> String {
        var lines = markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Block-level HTML (as cmark-gfm renders a block) as one raw HTML block. The HTML starts with
    /// a block-level tag, as a raw HTML block must; a blank line would end the block early, so
    /// blank lines hold an empty comment instead.
    static func rawHTMLBlock(_ html: String) -> String {
        var lines = html.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "<!-- -->" : String($0) }.joined(separator: "\n") + "\n"
    }

    /// An empty `<a id="…">` element, the target of links to `#id`. GitHub prefixes such ids with
    /// `user-content-` and still scrolls to them; other renderers keep them as they are.
    static func anchor(_ id: String) -> String {
        MarkupNode.element("a", ["id": id], []).rendered()
    }

    /// A relative path as a link destination: each segment percent-encoded, so spaces,
    /// parentheses and non-ASCII names keep the link intact.
    static func linkDestination(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            var encoded = ""
            for byte in segment.utf8 {
                let scalar = Unicode.Scalar(byte)
                if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~".unicodeScalars.contains(scalar) {
                    encoded.unicodeScalars.append(scalar)
                } else {
                    encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
            return encoded
        }.joined(separator: "/")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
