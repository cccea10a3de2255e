/// A problem with an expression found before evaluating it: a syntax error, an unknown column or
/// function, an operand of the wrong type.
///
/// Positions count Unicode scalars of the expression's text, so that a notebook can turn them
/// into a line and column of its file.
public struct ExpressionProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What sort of problem it is; a stable identifier for tools.
    public enum Kind: String, Sendable, Hashable {
        case syntax = "expression-syntax"
        case unknownColumn = "unknown-column"
        case unknownFunction = "unknown-function"
        case type = "expression-type"
    }

    public var kind: Kind
    /// Where the offending token or sub-expression starts.
    public var offset: Int
    /// A second position the message mentions ("the '(' at column 7"), if any.
    public var relatedOffset: Int?
    /// The message, with `relatedMarker` where the related position is to be described.
    private var template: String

    static let relatedMarker = "\u{1}"

    init(_ message: String, at offset: Int, related relatedOffset: Int? = nil, kind: Kind = .syntax) {
        self.kind = kind
        self.template = message
        self.offset = offset
        self.relatedOffset = relatedOffset
    }

    /// The message, with the related position described by `describe` (given its offset).
    public func message(describingPosition describe: (Int) -> String) -> String {
        guard let relatedOffset else { return template }
        return template.replacingOccurrences(of: Self.relatedMarker, with: describe(relatedOffset))
    }

    /// The message, positions given as columns of the expression's text (1-based).
    public var message: String { message { "column \($0 + 1)" } }

    /// `column 12: message`, columns counted from 1 in the expression's text.
    public var description: String { "column \(offset + 1): \(message)" }
}

/// The problems an expression has, in the order they occur in its text.
public struct ExpressionProblems: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [ExpressionProblem]

    public init(_ problems: [ExpressionProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// A value an expression cannot compute from the data: an integer overflow, a string that is not
/// a number where `int()` needs one.
public struct ExpressionEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the failing sub-expression starts, in Unicode scalars of the expression's text.
    public var offset: Int
    /// The row, counted from 0 as pandas' default index counts.
    public var row: Int
    public var message: String

    init(_ message: String, at offset: Int, row: Int) {
        self.message = message
        self.offset = offset
        self.row = row
    }

    /// `message (at row index 17)`.
    public var description: String { "\(message) (at row index \(row))" }
}
