/// An expression as written: its text and the tree parsed from it.
///
/// The grammar, loosest binding first: `or`; `and`; `not`; comparisons (`==`, `!=`, `<`, `<=`,
/// `>`, `>=`, `in [...]`, `not in [...]`, `is null`, `is not null`), which do not chain; `+` and
/// `-`; `*`, `/`, `//` and `%`; unary `-`; then literals, columns, calls and parentheses.
/// Binary operators group from the left: `a - b - c` is `(a - b) - c`.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    /// The longest text accepted, in Unicode scalars.
    public static let maximumLength = 10_000
    /// The deepest nesting accepted: parentheses, calls and lists inside one another, and chains
    /// of operators (each operator of `a + b + c` is one level more), so that checking and
    /// evaluating an expression never runs out of stack.
    public static let maximumDepth = 200

    /// The source text.
    public let text: String
    /// The parsed tree.
    public let root: ExpressionNode

    /// Parses `text`.
    /// - Throws: ``ExpressionProblem`` at the offending token for the first syntax error, or
    ///   when the text is longer than ``maximumLength`` or nests deeper than ``maximumDepth``.
    public init(parsing text: String) throws(ExpressionProblem) {
        let length = text.unicodeScalars.count
        guard length <= Self.maximumLength else {
            throw ExpressionProblem(
                "the expression is \(length) characters long; the limit is \(Self.maximumLength)", at: 0
            )
        }
        var parser = try ExpressionParser(text)
        self.text = text
        self.root = try parser.parseAll()
    }

    /// The expression `true`.
    public static let alwaysTrue = Expression(text: "true", root: ExpressionNode(.literal(.bool(true)), range: 0..<4))

    private init(text: String, root: ExpressionNode) {
        self.text = text
        self.root = root
    }

    public var description: String { text }

    /// The part of the text `range` covers.
    func source(_ range: Range<Int>) -> String {
        let scalars = text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: max(0, min(range.lowerBound, scalars.count)))
        let end = scalars.index(scalars.startIndex, offsetBy: max(0, min(range.upperBound, scalars.count)))
        return String(scalars[start..<end])
    }
}

/// A recursive-descent parser with one token of look-ahead (two for `not in`).
struct ExpressionParser {
    private var lexer: ExpressionLexer
    private var current: Token
    private var previous: Token?
    private var depth = 0

    init(_ text: String) throws(ExpressionProblem) {
        lexer = ExpressionLexer(text)
        current = try lexer.next()
    }

    mutating func parseAll() throws(ExpressionProblem) -> ExpressionNode {
        if current.kind == .end { throw ExpressionProblem("the expression is empty", at: 0) }
        let node = try parseOr()
        guard current.kind == .end else {
            var message = "expected an operator or the end of the expression, found \(current.quoted)"
            if case let .identifier(word) = current.kind, let keyword = Keyword(rawValue: word.lowercased()) {
                message += "; did you mean '\(keyword.rawValue)'?"
            }
            throw ExpressionProblem(message, at: current.range.lowerBound)
        }
        return node
    }

    @discardableResult
    private mutating func advance() throws(ExpressionProblem) -> Token {
        let token = current
        previous = token
        current = try lexer.next()
        return token
    }

    private func make(_ kind: ExpressionNode.Kind, _ range: Range<Int>) throws(ExpressionProblem) -> ExpressionNode {
        let node = ExpressionNode(kind, range: range)
        guard node.height <= Expression.maximumDepth else { throw tooDeep(at: range.lowerBound) }
        return node
    }

    private func tooDeep(at offset: Int) -> ExpressionProblem {
        ExpressionProblem("the expression is nested more than \(Expression.maximumDepth) levels deep", at: offset)
    }

    /// Runs `body` one nesting level deeper, refusing to go past the limit.
    private mutating func nested<T>(_ body: (inout Self) throws(ExpressionProblem) -> T) throws(ExpressionProblem) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Expression.maximumDepth else { throw tooDeep(at: current.range.lowerBound) }
        return try body(&self)
    }

    private func isKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }
    private func isSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

    private mutating func parseOr() throws(ExpressionProblem) -> ExpressionNode {
        var left = try parseAnd()
        while isKeyword(.or) {
            try advance()
            let right = try parseAnd()
            left = try make(.binary(.or, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseAnd() throws(ExpressionProblem) -> ExpressionNode {
        var left = try parseNot()
        while isKeyword(.and) {
            try advance()
            let right = try parseNot()
            left = try make(.binary(.and, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseNot() throws(ExpressionProblem) -> ExpressionNode {
        guard isKeyword(.not) else { return try parseComparison() }
        let start = try advance().range.lowerBound
        let operand = try nested { parser throws(ExpressionProblem) in try parser.parseNot() }
        return try make(.unary(.not, operand), start..<operand.range.upperBound)
    }

    private static let comparisons: [Symbol: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual,
        .greater: .greater, .greaterOrEqual: .greaterOrEqual,
    ]

    private mutating func parseComparison() throws(ExpressionProblem) -> ExpressionNode {
        let left = try parseAdditive()
        let node: ExpressionNode
        if case let .symbol(symbol) = current.kind, let op = Self.comparisons[symbol] {
            try advance()
            let right = try parseAdditive()
            node = try make(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        } else if isKeyword(.is) {
            node = try parseIsNull(left)
        } else if isKeyword(.in) {
            node = try parseMembership(left, negated: false)
        } else if isKeyword(.not), try followedBy(.keyword(.in)) {
            try advance()
            node = try parseMembership(left, negated: true)
        } else {
            return left
        }
        if case let .symbol(symbol) = current.kind, Self.comparisons[symbol] != nil {
            throw ExpressionProblem("comparisons do not chain; write 'a < b and b < c'", at: current.range.lowerBound)
        }
        if isKeyword(.is) || isKeyword(.in) {
            throw ExpressionProblem("comparisons do not chain; join them with 'and' or 'or'", at: current.range.lowerBound)
        }
        return node
    }

    private func followedBy(_ kind: Token.Kind) throws(ExpressionProblem) -> Bool {
        var probe = lexer
        return try probe.next().kind == kind
    }

    private mutating func parseIsNull(_ operand: ExpressionNode) throws(ExpressionProblem) -> ExpressionNode {
        try advance()
        let negated = isKeyword(.not)
        if negated { try advance() }
        guard isKeyword(.null) else {
            throw ExpressionProblem(
                "expected 'null' after '\(negated ? "is not" : "is")', found \(current.quoted)", at: current.range.lowerBound
            )
        }
        let end = try advance().range.upperBound
        return try make(.isNull(operand, negated: negated), operand.range.lowerBound..<end)
    }

    private mutating func parseMembership(_ value: ExpressionNode, negated: Bool) throws(ExpressionProblem) -> ExpressionNode {
        try advance()
        guard isSymbol(.leftBracket) else {
            var message = "expected a list in square brackets after '\(negated ? "not in" : "in")', found \(current.quoted)"
            if isSymbol(.leftParen) { message += "; write the values as [a, b]" }
            throw ExpressionProblem(message, at: current.range.lowerBound)
        }
        let open = try advance()
        if isSymbol(.rightBracket) {
            throw ExpressionProblem("the list after '\(negated ? "not in" : "in")' is empty; it needs at least one value", at: current.range.lowerBound)
        }
        let items = try parseList(closing: .rightBracket, opened: open)
        let end = try advance().range.upperBound
        return try make(.membership(value, items, negated: negated), value.range.lowerBound..<end)
    }

    /// Comma-separated expressions up to (not past) the `closing` symbol.
    private mutating func parseList(closing: Symbol, opened: Token) throws(ExpressionProblem) -> [ExpressionNode] {
        var items: [ExpressionNode] = []
        while true {
            items.append(try nested { parser throws(ExpressionProblem) in try parser.parseOr() })
            if isSymbol(closing) { return items }
            guard isSymbol(.comma) else { throw unclosed(opened, closing) }
            try advance()
        }
    }

    private func unclosed(_ opened: Token, _ closing: Symbol) -> ExpressionProblem {
        let open = closing == .rightParen ? "(" : "["
        return ExpressionProblem(
            "'\(closing.rawValue)' expected to close the '\(open)' at \(ExpressionProblem.relatedMarker)",
            at: current.range.lowerBound, related: opened.range.lowerBound
        )
    }

    private mutating func parseAdditive() throws(ExpressionProblem) -> ExpressionNode {
        var left = try parseMultiplicative()
        while case let .symbol(symbol) = current.kind, symbol == .plus || symbol == .minus {
            try advance()
            let right = try parseMultiplicative()
            let op: BinaryOperator = symbol == .plus ? .add : .subtract
            left = try make(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private static let multiplicative: [Symbol: BinaryOperator] = [
        .star: .multiply, .slash: .divide, .doubleSlash: .floorDivide, .percent: .remainder,
    ]

    private mutating func parseMultiplicative() throws(ExpressionProblem) -> ExpressionNode {
        var left = try parseUnary()
        while case let .symbol(symbol) = current.kind, let op = Self.multiplicative[symbol] {
            try advance()
            let right = try parseUnary()
            left = try make(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func parseUnary() throws(ExpressionProblem) -> ExpressionNode {
        guard isSymbol(.minus) else { return try parsePrimary() }
        let start = try advance().range.lowerBound
        let operand = try nested { parser throws(ExpressionProblem) in try parser.parseUnary() }
        return try make(.unary(.negate, operand), start..<operand.range.upperBound)
    }

    private mutating func parsePrimary() throws(ExpressionProblem) -> ExpressionNode {
        let token = current
        switch token.kind {
        case let .int(value): return try literal(.int(value))
        case let .double(value): return try literal(.double(value))
        case let .string(value): return try literal(.string(value))
        case .keyword(.true): return try literal(.bool(true))
        case .keyword(.false): return try literal(.bool(false))
        case .keyword(.null): return try literal(.null)
        case let .quotedIdentifier(name):
            try advance()
            return try make(.column(name), token.range)
        case let .identifier(name):
            try advance()
            guard isSymbol(.leftParen) else { return try make(.column(name), token.range) }
            let open = try advance()
            var arguments: [ExpressionNode] = []
            if !isSymbol(.rightParen) { arguments = try parseList(closing: .rightParen, opened: open) }
            let end = try advance().range.upperBound
            return try make(.call(name: name, arguments: arguments), token.range.lowerBound..<end)
        case .symbol(.leftParen):
            let open = try advance()
            let inner = try nested { parser throws(ExpressionProblem) in try parser.parseOr() }
            guard isSymbol(.rightParen) else { throw unclosed(open, .rightParen) }
            let end = try advance().range.upperBound
            return try make(inner.kind, open.range.lowerBound..<end)
        default:
            throw missingOperand()
        }
    }

    private mutating func literal(_ value: ExpressionLiteral) throws(ExpressionProblem) -> ExpressionNode {
        let token = try advance()
        return try make(.literal(value), token.range)
    }

    private func missingOperand() -> ExpressionProblem {
        let offset = current.range.lowerBound
        guard let previous else { return ExpressionProblem("expected an operand, found \(current.quoted)", at: offset) }
        let after = "expected an operand after \(previous.quoted)"
        return ExpressionProblem(current.kind == .end ? after : "\(after), found \(current.quoted)", at: offset)
    }
}
