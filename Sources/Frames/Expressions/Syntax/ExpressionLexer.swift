/// A word with a meaning of its own; a column of that name is written between back quotes.
enum Keyword: String, CaseIterable {
    case and, or, not, `in`, `is`, null, `true`, `false`
}

/// A punctuation token.
enum Symbol: String {
    case plus = "+", minus = "-", star = "*", slash = "/", doubleSlash = "//", percent = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]", comma = ","
}

/// One token of an expression, with where it is written.
struct Token: Equatable {
    enum Kind: Equatable {
        case int(Int)
        case double(Double)
        case string(String)
        /// A bare name: a column, or a function when `(` follows.
        case identifier(String)
        /// A name between back quotes: always a column.
        case quotedIdentifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    var kind: Kind
    /// Where the token is written, in Unicode scalars of the source text.
    var range: Range<Int>

    /// How a message names the token: `'+'`, `'title'`, "the end of the expression".
    var quoted: String {
        switch kind {
        case .end: return "the end of the expression"
        case let .int(value): return "'\(value)'"
        case let .double(value): return "'\(value)'"
        case let .string(value): return ExpressionLiteral.string(value).sourceText
        case let .identifier(name): return "'\(name)'"
        case let .quotedIdentifier(name): return "'\(ExpressionNode.quotedColumnName(name))'"
        case let .keyword(keyword): return "'\(keyword.rawValue)'"
        case let .symbol(symbol): return "'\(symbol.rawValue)'"
        }
    }
}

/// Splits an expression's text into tokens, one at a time, as the parser asks for them, so that
/// problems are reported in the order they are written.
struct ExpressionLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// The number of Unicode scalars in the text.
    var count: Int { scalars.count }

    /// Whether `name` can be written without back quotes.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isIdentifierStart(first) else { return false }
        return name.unicodeScalars.allSatisfy(isIdentifierPart) && Keyword(rawValue: name) == nil
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || isDigit(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    /// The next token.
    /// - Throws: ``ExpressionProblem`` for a character that starts no token, an unclosed string
    ///   or back-quoted name, an unknown escape, or a number out of range.
    mutating func next() throws(ExpressionProblem) -> Token {
        while let scalar = peek(), [" ", "\t", "\n", "\r"].contains(scalar) { position += 1 }
        let start = position
        guard let scalar = peek() else { return Token(kind: .end, range: start..<start) }
        let kind: Token.Kind
        if Self.isDigit(scalar) {
            kind = try number()
        } else if Self.isIdentifierStart(scalar) {
            while let next = peek(), Self.isIdentifierPart(next) { position += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<position]))
            kind = Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
        } else if scalar == "'" || scalar == "\"" {
            kind = .string(try quoted(closing: scalar))
        } else if scalar == "`" {
            kind = .quotedIdentifier(try backQuoted())
        } else {
            kind = .symbol(try symbol())
        }
        return Token(kind: kind, range: start..<position)
    }

    private mutating func digits() -> String {
        var text = ""
        while let scalar = peek(), Self.isDigit(scalar) {
            text.unicodeScalars.append(scalar)
            position += 1
        }
        return text
    }

    private mutating func number() throws(ExpressionProblem) -> Token.Kind {
        let start = position
        var text = digits()
        var isDecimal = false
        if peek() == ".", let after = peek(1), Self.isDigit(after) {
            position += 1
            text += "." + digits()
            isDecimal = true
        }
        if let e = peek(), e == "e" || e == "E" {
            let exponentStart = position
            position += 1
            var exponent = "e"
            if let sign = peek(), sign == "+" || sign == "-" {
                exponent.unicodeScalars.append(sign)
                position += 1
            }
            let exponentDigits = digits()
            guard !exponentDigits.isEmpty else {
                throw ExpressionProblem("expected the digits of an exponent after '\(text)e'", at: exponentStart)
            }
            text += exponent + exponentDigits
            isDecimal = true
        }
        if isDecimal {
            guard let value = Double(text), value.isFinite else {
                throw ExpressionProblem("the number \(text) is too large", at: start)
            }
            return .double(value)
        }
        guard let value = Int(text) else {
            throw ExpressionProblem("the integer \(text) is too large (the largest is \(Int.max))", at: start)
        }
        return .int(value)
    }

    private mutating func quoted(closing quote: Unicode.Scalar) throws(ExpressionProblem) -> String {
        let start = position
        position += 1
        var text = ""
        while let scalar = peek() {
            position += 1
            if scalar == quote { return text }
            guard scalar == "\\" else {
                text.unicodeScalars.append(scalar)
                continue
            }
            switch peek() {
            case "\\": text += "\\"
            case "'": text += "'"
            case "\"": text += "\""
            case "n": text += "\n"
            case "t": text += "\t"
            case let other?:
                throw ExpressionProblem(
                    "unknown escape '\\\(other)' in a string; the escapes are \\' \\\" \\\\ \\n \\t", at: position - 1
                )
            case nil:
                throw ExpressionProblem("unclosed string; it needs a closing \(quote)", at: start)
            }
            position += 1
        }
        throw ExpressionProblem("unclosed string; it needs a closing \(quote)", at: start)
    }

    private mutating func backQuoted() throws(ExpressionProblem) -> String {
        let start = position
        position += 1
        var name = ""
        while let scalar = peek() {
            position += 1
            guard scalar == "`" else {
                name.unicodeScalars.append(scalar)
                continue
            }
            guard peek() == "`" else {
                if name.isEmpty { throw ExpressionProblem("empty column name ``", at: start) }
                return name
            }
            name += "`"
            position += 1
        }
        throw ExpressionProblem("unclosed column name; it needs a closing ` (write `` for a back quote inside it)", at: start)
    }

    private mutating func symbol() throws(ExpressionProblem) -> Symbol {
        let start = position
        let first = String(peek() ?? " ")
        let pair = first + String(peek(1) ?? " ")
        if let symbol = Symbol(rawValue: pair) {
            position += 2
            return symbol
        }
        if pair == "<>" { throw ExpressionProblem("'<>' is not an operator; write '!='", at: start) }
        if pair == "**" { throw ExpressionProblem("'**' is not an operator; write pow(x, y) for a power", at: start) }
        if let symbol = Symbol(rawValue: first) {
            position += 1
            return symbol
        }
        let hints: [String: String] = [
            "=": "'=' is not an operator; compare with '=='",
            "!": "'!' is not an operator; write 'not'",
            "&": "'&' is not an operator; write 'and'",
            "|": "'|' is not an operator; write 'or'",
            "^": "'^' is not an operator; write pow(x, y) for a power",
        ]
        if let hint = hints[first] { throw ExpressionProblem(hint, at: start) }
        var message = "unexpected character '\(first)'"
        if let scalar = peek(), scalar.properties.isAlphabetic {
            message += "; write a column name with such characters between back quotes: `\(first)…`"
        }
        throw ExpressionProblem(message, at: start)
    }
}
