import Frames
import NotebookCore
import RecbookSupport

/// An expression written as a step parameter (`where: rating >= 4`).
///
/// The text is parsed as the notebook is read, so that `check` reports a syntax error at its
/// line and column. The parameter keeps its YAML node, so that problems found later — an unknown
/// column, an ill-typed operand, by the checker or at run time, or a value that cannot be
/// computed in some row — point inside the text as well.
public struct ExpressionParameter: ParameterType, Hashable {
    public private(set) var expression: Expression
    /// The node it was read from; its positions map offsets in the text to the file.
    public private(set) var node: ParameterNode

    /// What a checked expression must be.
    public enum Role: Sendable {
        /// A value of any type.
        case value
        /// A condition: true or false.
        case condition
    }

    /// A placeholder (`true`) for a step's default instance; a required parameter is always given.
    public init() {
        node = ParameterNode(.scalar("true"), location: SourceLocation(file: "", line: 0, column: 0))
        expression = .alwaysTrue
    }

    public static var typeName: String { "expression" }
    public static var jsonSchema: JSONValue { ["type": "string", "maxLength": .int(Expression.maximumLength)] }

    public init(parameter node: ParameterNode) throws(ParameterError) {
        try self.init(parameter: node, describedAs: nil)
    }

    /// Parses the expression in `node`; `label` names it in a syntax error ("in column 'score'").
    init(parameter node: ParameterNode, describedAs label: String?) throws(ParameterError) {
        // `name: null` in a map of columns reads as YAML's null, not as the expression.
        if case .null = node.content, label != nil {
            throw ParameterError("expects an expression, got nothing; write the literal null in quotes: 'null'", at: node.location)
        }
        guard let text = node.scalar else { throw Self.mismatch(node) }
        self.node = node
        do {
            expression = try Expression(parsing: text)
        } catch {
            let place = label.map { " \($0)" } ?? ""
            throw ParameterError("has a syntax error\(place): \(Self.message(error, in: node))", at: node.location(atOffset: error.offset))
        }
    }

    public var canonicalText: String { expression.text }

    /// Where the character at `offset` of the text is in the file.
    public func location(atOffset offset: Int) -> SourceLocation { node.location(atOffset: offset) }

    /// The problem's message, a position it mentions given as a column (and a line, when it is
    /// on another line than the problem).
    private static func message(_ problem: ExpressionProblem, in node: ParameterNode) -> String {
        let here = node.location(atOffset: problem.offset)
        return problem.message { offset in
            let there = node.location(atOffset: offset)
            return there.line == here.line ? "column \(there.column)" : "line \(there.line), column \(there.column)"
        }
    }

    /// Checks the expression against `schema`, reporting every problem to `context` where it is
    /// written; the checked expression when there are none.
    public func checked(against schema: TableSchema, _ context: AnalysisContext, as role: Role = .value) -> CheckedExpression? {
        do throws(ExpressionProblems) {
            switch role {
            case .value: return try expression.checked(against: schema)
            case .condition: return try expression.checkedCondition(against: schema)
            }
        } catch {
            for problem in error.problems {
                context.error(Self.message(problem, in: node), at: location(atOffset: problem.offset), id: problem.kind.rawValue)
            }
            return nil
        }
    }

    /// ``checked(against:_:as:)`` at run time, against a table's real columns.
    /// - Throws: the problems as the checker would report them (`path:line:col: error: …`).
    public func checked(against schema: TableSchema, in context: StepContext, as role: Role = .value) throws -> CheckedExpression {
        var result: CheckedExpression?
        try context.check { result = checked(against: schema, $0, as: role) }
        guard let result else { throw StepError("the expression '\(expression.text)' could not be checked") }
        return result
    }

    /// Runs `body`, a value that cannot be computed reported where the failing part is written.
    public func evaluating<T>(_ body: () throws(ExpressionEvaluationError) -> T) throws -> T {
        do throws(ExpressionEvaluationError) {
            return try body()
        } catch {
            throw LocatedStepError(error.description, at: location(atOffset: error.offset), id: "expression-evaluation")
        }
    }

    public static func == (lhs: ExpressionParameter, rhs: ExpressionParameter) -> Bool { lhs.expression.text == rhs.expression.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(expression.text) }
}
