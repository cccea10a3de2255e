/// One token of SQLite's SQL, as far as recbook needs to tell them apart: the names a query may
/// use for tables, and everything that is not a statement's content.
public struct SQLToken: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A bare name (`ratings`, `COUNT`), or a quoted one: `"x"`, `[x]` or `` `x` ``.
        case name
        /// A string or blob literal (`'it''s'`, `x'00ff'`).
        case literal
        /// A number, a bound parameter (`?1`, `:name`), an operator or a punctuation mark.
        case other
        /// `;`, which ends a statement.
        case semicolon
    }

    public var kind: Kind
    /// For names, the name with its quotes removed and doubled quotes undone; otherwise the
    /// token as written.
    public var text: String
    /// Where the token starts, in Unicode scalars from the start of the query.
    public var offset: Int
    /// Whether a name was quoted (a quoted name is never a keyword).
    public var isQuoted: Bool
}

/// Splits SQL text into tokens the way SQLite's tokenizer does, skipping white space and
/// comments (`-- …` to the end of the line, `/* … */`).
///
/// It is not a parser: it finds the names a query uses, so that the tables among them can be
/// made visible to SQLite, and tells whether anything follows a statement. A string literal is
/// one token, so a table's name inside one (`WHERE title = 'ratings'`) is not a name; quoted
/// names count as names. Unterminated quotes and comments run to the end of the text, as
/// SQLite then reports them.
///
/// - Complexity: O(*n*) in the length of the text.
public func sqlTokens(_ text: String) -> [SQLToken] {
    var lexer = SQLLexer(Array(text.unicodeScalars))
    var tokens: [SQLToken] = []
    while let token = lexer.next() { tokens.append(token) }
    return tokens
}

private struct SQLLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    /// SQLite's identifier characters: ASCII letters, digits, `_`, `$`, and every non-ASCII scalar.
    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x80 || ("a"..."z").contains(scalar)
            || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "$"
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        isNameCharacter(scalar) && !("0"..."9").contains(scalar) && scalar != "$"
    }

    mutating func next() -> SQLToken? {
        skipSpaceAndComments()
        guard let first = peek() else { return nil }
        let start = position
        switch first {
        case "'":
            _ = quoted(closing: "'")
            return token(.literal, from: start)
        case "\"", "`":
            return SQLToken(kind: .name, text: quoted(closing: first), offset: start, isQuoted: true)
        case "[":
            position += 1
            var name = String.UnicodeScalarView()
            while let scalar = peek(), scalar != "]" { name.append(scalar); position += 1 }
            if peek() == "]" { position += 1 }
            return SQLToken(kind: .name, text: String(name), offset: start, isQuoted: true)
        case ";":
            position += 1
            return token(.semicolon, from: start)
        case "?", ":", "@", "$":
            // A bound parameter: its name is not a table's.
            position += 1
            while let scalar = peek(), Self.isNameCharacter(scalar) { position += 1 }
            return token(.other, from: start)
        default:
            if ("0"..."9").contains(first) || (first == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
                // A number with its exponent or hex digits (`1e5`, `0x1F`): no name inside.
                while let scalar = peek(), Self.isNameCharacter(scalar) || scalar == "." { position += 1 }
                return token(.other, from: start)
            }
            if Self.isNameStart(first) {
                while let scalar = peek(), Self.isNameCharacter(scalar) { position += 1 }
                if position - start == 1, first == "x" || first == "X", peek() == "'" {
                    _ = quoted(closing: "'")
                    return token(.literal, from: start)
                }
                return token(.name, from: start)
            }
            position += 1
            return token(.other, from: start)
        }
    }

    private func token(_ kind: SQLToken.Kind, from start: Int) -> SQLToken {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<position])
        return SQLToken(kind: kind, text: String(text), offset: start, isQuoted: false)
    }

    /// Reads a quoted token from its opening quote; a doubled closing quote stands for one.
    private mutating func quoted(closing: Unicode.Scalar) -> String {
        position += 1
        var content = String.UnicodeScalarView()
        while let scalar = peek() {
            position += 1
            if scalar == closing {
                guard peek() == closing else { break }
                position += 1
            }
            content.append(scalar)
        }
        return String(content)
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                position += 1
            } else if scalar == "-", peek(1) == "-" {
                while let next = peek(), next != "\n" { position += 1 }
            } else if scalar == "/", peek(1) == "*" {
                position += 2
                while peek() != nil, !(peek() == "*" && peek(1) == "/") { position += 1 }
                position = min(position + 2, scalars.count)
            } else {
                return
            }
        }
    }
}
