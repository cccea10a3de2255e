/// A literal value written in an expression.
public enum ExpressionLiteral: Sendable, Hashable {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case null
}

/// An operator with two operands.
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or

    /// How the operator is written.
    public var symbol: String { rawValue }

    var isArithmetic: Bool { [.add, .subtract, .multiply, .divide, .floorDivide, .remainder].contains(self) }
    var isComparison: Bool { [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
}

/// An operator with one operand.
public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not
}

/// One node of a parsed expression, with the part of the source text it was read from.
///
/// Ranges count Unicode scalars of the source text, the unit a notebook parameter's
/// `location(atOffset:)` takes, so that every problem can be pointed at in the file.
public struct ExpressionNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case literal(ExpressionLiteral)
        /// A column, by name (written bare or between back quotes).
        case column(String)
        case unary(UnaryOperator, ExpressionNode)
        case binary(BinaryOperator, ExpressionNode, ExpressionNode)
        /// `x is null`, or `x is not null` when negated.
        case isNull(ExpressionNode, negated: Bool)
        /// `x in [a, b]`, or `x not in [a, b]` when negated.
        case membership(ExpressionNode, [ExpressionNode], negated: Bool)
        /// `name(arguments…)`; the name is written at the node's start.
        case call(name: String, arguments: [ExpressionNode])
    }

    public var kind: Kind
    /// Where the node is written, in Unicode scalars of the source text.
    public var range: Range<Int>
    /// The length of the longest path from this node to a leaf, counting this node: 1 for a leaf.
    public let height: Int

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
        self.height = 1 + (kind.children.map(\.height).max() ?? 0)
    }

    /// Where the node starts in the source text.
    public var offset: Int { range.lowerBound }

    /// The names of the columns the node reads.
    public var columnNames: Set<String> {
        if case let .column(name) = kind { return [name] }
        return kind.children.reduce(into: []) { $0.formUnion($1.columnNames) }
    }
}

extension ExpressionNode.Kind {
    /// The operands, arguments or list items directly below a node.
    var children: [ExpressionNode] {
        switch self {
        case .literal, .column: return []
        case let .unary(_, operand), let .isNull(operand, _): return [operand]
        case let .binary(_, left, right): return [left, right]
        case let .membership(value, items, _): return [value] + items
        case let .call(_, arguments): return arguments
        }
    }
}

extension ExpressionNode: CustomStringConvertible {
    /// The node as a fully parenthesised prefix form, which shows how it was grouped:
    /// `(+ a (* b 2))`, `(in x [1 2])`, `(call lower title)`.
    public var description: String {
        switch kind {
        case let .literal(literal): return literal.sourceText
        case let .column(name): return ExpressionNode.quotedColumnName(name)
        case let .unary(op, operand): return "(\(op.rawValue) \(operand))"
        case let .binary(op, left, right): return "(\(op.symbol) \(left) \(right))"
        case let .isNull(operand, negated): return "(\(negated ? "is-not-null" : "is-null") \(operand))"
        case let .membership(value, items, negated):
            return "(\(negated ? "not-in" : "in") \(value) [\(items.map(\.description).joined(separator: " "))])"
        case let .call(name, arguments):
            return "(call \(([name] + arguments.map(\.description)).joined(separator: " ")))"
        }
    }

    /// A column name as it is written in an expression: bare when it is an identifier that is not
    /// a keyword, otherwise between back quotes (a back quote in the name doubled).
    public static func quotedColumnName(_ name: String) -> String {
        if ExpressionLexer.isPlainIdentifier(name) { return name }
        return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }
}

extension ExpressionLiteral {
    /// The literal as it would be written in an expression.
    public var sourceText: String {
        switch self {
        case let .int(value): return String(value)
        case let .double(value): return "\(value)"
        case let .string(value):
            return "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        case let .bool(value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}
