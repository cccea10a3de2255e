/// Turns `@fig-NAME` and `@tbl-NAME` in Markdown source into "Figure 3", linked or plain.
///
/// It follows the rules of the HTML report's ``CrossReferenceLinker`` on Markdown text rather than
/// on rendered HTML: references in code spans, in the text or destination of inline links and
/// images, in autolinks and raw HTML tags, and inside raw `<a>`, `<code>` and `<pre>` elements are
/// left alone, as is a backslash-escaped `\@fig-x`. A reference to a label no figure or table
/// carries is left as written and reported.
struct MarkdownCrossReferenceLinker {
    /// How a resolved reference is written.
    enum Style {
        /// `[Figure 3](#fig-ratings)`, for Markdown text.
        case markdownLink
        /// `<a href="#fig-ratings">Figure 3</a>`, for raw HTML blocks, where Markdown is not parsed.
        case htmlLink
        /// `Figure 3`, where the target has no anchor to link to (a Jupyter notebook's outputs).
        case plainText
    }

    let catalog: OutputCatalog

    /// References that named no figure or table, in order of appearance (repeats included).
    private(set) var unresolved: [String] = []

    init(catalog: OutputCatalog) {
        self.catalog = catalog
    }

    /// `markdown` with every reference replaced.
    /// - Complexity: O(n) in the length of `markdown`, plus the length of each inline link or
    ///   code span, which is scanned once to find its end.
    mutating func link(_ markdown: String, style: Style) -> String {
        guard markdown.contains("@") || markdown.contains("`=") else { return markdown }
        let characters = Array(markdown)
        var result = ""
        result.reserveCapacity(markdown.utf8.count)
        var opaqueDepth = 0
        var index = 0
        func copy(upTo end: Int) {
            result.append(contentsOf: String(characters[index..<end]))
            index = end
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\":
                copy(upTo: min(index + 2, characters.count))
            case "`":
                let end = Self.codeSpanEnd(characters, from: index)
                if let value = inlineValue(characters[index..<end], style: style) {
                    result += value
                    index = end
                } else {
                    copy(upTo: end)
                }
            case "<":
                guard let end = Self.tagEnd(characters, from: index) else { copy(upTo: index + 1); continue }
                if let (name, isClosing, isSelfClosing) = CrossReferenceLinker.parseTag(characters[index..<end]),
                   CrossReferenceLinker.opaqueElements.contains(name) {
                    if isClosing {
                        opaqueDepth = max(0, opaqueDepth - 1)
                    } else if !isSelfClosing {
                        opaqueDepth += 1
                    }
                }
                copy(upTo: end)
            case "[", "!":
                let bracket = character == "[" ? index : index + 1
                guard bracket < characters.count, characters[bracket] == "[" else { copy(upTo: index + 1); continue }
                if let end = Self.inlineLinkEnd(characters, openingBracket: bracket) {
                    copy(upTo: end)
                } else {
                    copy(upTo: bracket + 1)
                }
            case "@" where opaqueDepth == 0:
                let previous = index > 0 ? characters[index - 1] : nil
                guard !CrossReferenceLinker.continuesWord(previous),
                      let (reference, length) = CrossReferenceLinker.reference(in: characters, at: index + 1)
                else { copy(upTo: index + 1); continue }
                result += replacement(for: reference, style: style)
                index += 1 + length
            default:
                result.append(character)
                index += 1
            }
        }
        return result
    }

    private mutating func replacement(for reference: String, style: Style) -> String {
        guard let entry = catalog.resolve(reference) else {
            unresolved.append("@" + reference)
            return "@" + reference
        }
        switch style {
        case .markdownLink: return "[\(entry.title)](#\(entry.id))"
        case .htmlLink: return MarkupNode.element("a", ["href": "#" + entry.id], text: entry.title).rendered()
        case .plainText: return entry.title
        }
    }

    /// The index just past a code span that opens at `start`, or past the backtick run when no
    /// run of the same length closes it (then the backticks are literal).
    /// An inline value's figure for a code span `` `=TEXT` ``, as text of the given style; nil
    /// for any other code span, and for a value that could not be computed (left as written).
    private func inlineValue(_ span: ArraySlice<Character>, style: Style) -> String? {
        guard span.count >= 4, span.first == "`", span.dropFirst().first == "=", span.dropLast().last != "`",
              span.last == "`" else { return nil }
        let text = String(span.dropFirst(2).dropLast())
        guard case let .value(figure) = catalog.inlineValue(text) else { return nil }
        switch style {
        case .markdownLink, .plainText: return MarkdownSyntax.text(figure)
        case .htmlLink: return HTMLEscaping.text(figure)
        }
    }

    private static func codeSpanEnd(_ characters: [Character], from start: Int) -> Int {
        let length = runLength(of: "`", in: characters, from: start)
        var position = start + length
        while position < characters.count {
            if characters[position] == "`" {
                let closing = runLength(of: "`", in: characters, from: position)
                if closing == length { return position + closing }
                position += closing
            } else {
                position += 1
            }
        }
        return start + length
    }

    private static func runLength(of character: Character, in characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, characters[end] == character { end += 1 }
        return end - start
    }

    /// The index just past a raw HTML tag, comment, declaration or autolink opening at `start`;
    /// nil when the `<` is literal (followed by a space, a digit, or never closed).
    private static func tagEnd(_ characters: [Character], from start: Int) -> Int? {
        guard start + 1 < characters.count else { return nil }
        let next = characters[start + 1]
        guard next.isASCII && next.isLetter || next == "/" || next == "!" || next == "?" else { return nil }
        guard let close = characters[(start + 1)...].firstIndex(of: ">") else { return nil }
        return close + 1
    }

    /// The index just past an inline link or image (`[text](destination)`) or a full reference
    /// link (`[text][label]`) whose text opens at `openingBracket`; nil for brackets that are not
    /// one of those.
    private static func inlineLinkEnd(_ characters: [Character], openingBracket: Int) -> Int? {
        guard let textEnd = matchingClose(characters, from: openingBracket, open: "[", close: "]"),
              textEnd < characters.count else { return nil }
        switch characters[textEnd] {
        case "(": return matchingClose(characters, from: textEnd, open: "(", close: ")")
        case "[": return matchingClose(characters, from: textEnd, open: "[", close: "]")
        default: return nil
        }
    }

    /// The index just past the `close` that balances the `open` at `start`, skipping
    /// backslash escapes and code spans; nil when it is never balanced.
    private static func matchingClose(_ characters: [Character], from start: Int, open: Character, close: Character) -> Int? {
        var depth = 0
        var position = start
        while position < characters.count {
            let character = characters[position]
            if character == "\\" {
                position += 2
                continue
            }
            if character == "`" {
                position = codeSpanEnd(characters, from: position)
                continue
            }
            if character == open {
                depth += 1
            } else if character == close {
                depth -= 1
                if depth == 0 { return position + 1 }
            }
            position += 1
        }
        return nil
    }
}
