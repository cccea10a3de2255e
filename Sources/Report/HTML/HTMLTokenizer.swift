/// Splits an HTML fragment into text, tags and comments the way a browser's tokenizer does
/// (WHATWG HTML, §13.2.5), for ``HTMLSanitizer``.
///
/// Only what decides where a tag starts and ends and what its attributes are is modelled: tag
/// open, tag and attribute names, the three kinds of attribute value, self-closing tags,
/// comments, declarations and processing instructions, and the raw-text elements whose content
/// is not markup (`<script>`, `<style>`, `<textarea>`, …). Character references are left as
/// written; the sanitiser decodes the values it must judge. A tag cut off by the end of the
/// fragment is reported as ``Token/truncated``.
struct HTMLTokenizer {
    enum Token: Equatable {
        /// Text as written (character references not decoded).
        case text(ArraySlice<UInt8>)
        /// A start tag: its lower-cased name and its attributes in order, values as written.
        /// Repeated attributes are kept; browsers use the first.
        case startTag(name: String, attributes: [Attribute], selfClosing: Bool)
        case endTag(name: String)
        /// A comment, a `<!…>` declaration, a `<?…>` instruction or a malformed end tag: markup
        /// that shows nothing.
        case ignored
        /// A tag cut off by the end of the fragment. A browser drops it, but in a longer
        /// document (Markdown shown as written) a later `>` would complete it.
        case truncated
    }

    struct Attribute: Equatable {
        /// Lower-cased.
        var name: String
        /// As written, without quotes; nil when the attribute has no `=`.
        var value: ArraySlice<UInt8>?
    }

    /// Elements whose content a browser reads as plain text up to the matching end tag.
    /// (`<noscript>` is one in a browser that runs scripts.)
    static let rawTextElements: Set<String> = [
        "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title",
    ]

    private let bytes: [UInt8]
    private var position = 0
    /// Set after a raw-text element's start tag: its content runs to `</name`.
    private var rawTextEnd: String?

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next token, or nil at the end of the fragment.
    /// - Complexity: amortised O(1) per byte of the fragment.
    mutating func next() -> Token? {
        guard position < bytes.count else { return nil }
        if let name = rawTextEnd {
            rawTextEnd = nil
            let start = position
            position = Self.rawTextEndIndex(of: name, in: bytes, from: position)
            if start < position { return .text(bytes[start..<position]) }
            return next()
        }
        if bytes[position] == UInt8(ascii: "<"), let token = markup() {
            if case let .startTag(name, _, _) = token, Self.rawTextElements.contains(name) { rawTextEnd = name }
            if case let .startTag("plaintext", _, _) = token { rawTextEnd = "" }
            return token
        }
        // Text runs to the next '<' that may open markup (a lone '<' is text).
        let start = position
        position += 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
        return .text(bytes[start..<position])
    }

    /// Markup at `position` (a `<`), or nil when the `<` is text; advances past what it reads.
    private mutating func markup() -> Token? {
        let next = position + 1 < bytes.count ? bytes[position + 1] : nil
        switch next {
        case let byte? where Self.isASCIIAlpha(byte):
            position += 1
            return tag(closing: false)
        case UInt8(ascii: "/"):
            let after = position + 2 < bytes.count ? bytes[position + 2] : nil
            if let after, Self.isASCIIAlpha(after) {
                position += 2
                return tag(closing: true)
            }
            if after == UInt8(ascii: ">") {
                position += 3
                return .ignored
            }
            if after == nil {
                // "</" at the very end is text.
                return nil
            }
            position += 2
            return bogusComment()
        case UInt8(ascii: "!"):
            position += 2
            if bytes[position...].starts(with: "--".utf8) {
                position += 2
                return comment()
            }
            return bogusComment()
        case UInt8(ascii: "?"):
            position += 1
            return bogusComment()
        default:
            return nil
        }
    }

    /// Reads a tag whose name starts at `position`, up to and including its `>`.
    private mutating func tag(closing: Bool) -> Token {
        let name = lowercasedName(until: { Self.isWhitespace($0) || $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: ">") })
        var attributes: [Attribute] = []
        var selfClosing = false
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: ">") {
                position += 1
                return closing ? .endTag(name: name) : .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
            } else if byte == UInt8(ascii: "/") {
                position += 1
                // The slash counts only directly before '>'; elsewhere it separates attributes.
                selfClosing = position < bytes.count && bytes[position] == UInt8(ascii: ">")
            } else {
                selfClosing = false
                attributes.append(attribute())
            }
        }
        return .truncated
    }

    /// Reads one attribute starting at `position` (not whitespace, `/` or `>`).
    private mutating func attribute() -> Attribute {
        // A leading '=' is part of the name, as in a browser.
        let first = position
        position += 1
        while position < bytes.count, !Self.isWhitespace(bytes[position]),
              ![UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(bytes[position]) {
            position += 1
        }
        let name = Self.lowercased(bytes[first..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
            return Attribute(name: name, value: nil)
        }
        position += 1
        skipWhitespace()
        guard position < bytes.count else { return Attribute(name: name, value: nil) }
        let quote = bytes[position]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = position + 1
            var end = start
            while end < bytes.count, bytes[end] != quote { end += 1 }
            position = min(end + 1, bytes.count)
            return Attribute(name: name, value: bytes[start..<end])
        }
        if quote == UInt8(ascii: ">") { return Attribute(name: name, value: bytes[position..<position]) }
        let start = position
        while position < bytes.count, !Self.isWhitespace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
            position += 1
        }
        return Attribute(name: name, value: bytes[start..<position])
    }

    /// `<!--` has been read: the comment ends at `-->`, `--!>`, or at once with `>` or `->`.
    private mutating func comment() -> Token {
        if bytes[position...].starts(with: ">".utf8) {
            position += 1
            return .ignored
        }
        if bytes[position...].starts(with: "->".utf8) {
            position += 2
            return .ignored
        }
        while position < bytes.count {
            if bytes[position...].starts(with: "-->".utf8) {
                position += 3
                return .ignored
            }
            if bytes[position...].starts(with: "--!>".utf8) {
                position += 4
                return .ignored
            }
            position += 1
        }
        return .ignored
    }

    /// A declaration, instruction or malformed end tag: everything up to the next `>`.
    private mutating func bogusComment() -> Token {
        while position < bytes.count, bytes[position] != UInt8(ascii: ">") { position += 1 }
        position = min(position + 1, bytes.count)
        return .ignored
    }

    private mutating func skipWhitespace() {
        while position < bytes.count, Self.isWhitespace(bytes[position]) { position += 1 }
    }

    private mutating func lowercasedName(until isEnd: (UInt8) -> Bool) -> String {
        let start = position
        while position < bytes.count, !isEnd(bytes[position]) { position += 1 }
        return Self.lowercased(bytes[start..<position])
    }

    /// Where the raw text of element `name` ends: at `</name` followed by whitespace, `/` or `>`,
    /// matched without regard to case; the end of the input for `<plaintext>` (name "").
    static func rawTextEndIndex(of name: String, in bytes: [UInt8], from start: Int) -> Int {
        guard !name.isEmpty else { return bytes.count }
        let closing = Array("</\(name)".utf8)
        var index = start
        while index + closing.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"),
               zip(bytes[index..<(index + closing.count)], closing).allSatisfy({ asciiLowercased($0) == $1 }) {
                let after = index + closing.count
                if after == bytes.count || isWhitespace(bytes[after]) || bytes[after] == UInt8(ascii: "/") || bytes[after] == UInt8(ascii: ">") {
                    return index
                }
            }
            index += 1
        }
        return bytes.count
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    static func isASCIIAlpha(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map(asciiLowercased), as: UTF8.self)
    }
}
