/// An expression that passed the checker against a table's columns, ready to evaluate on a
/// table with those columns.
///
/// Evaluation is column-at-a-time: each operator and function runs once, as one loop over
/// typed arrays (booleans as bit sets, 64 rows a word), never interpreting the tree row by row.
public struct CheckedExpression: Sendable {
    public let expression: Expression
    /// The type of the expression's value.
    public let type: ExpressionType
    private let kernel: Kernel

    fileprivate init(_ expression: Expression, _ typed: Typed) {
        self.expression = expression
        self.type = typed.type
        self.kernel = typed.kernel
    }

    fileprivate func vector(on frame: DataFrame) throws(ExpressionEvaluationError) -> Vector {
        try kernel(EvaluationScope(frame: frame, active: nil))
    }

    /// The expression's value for every row of `frame`, as a column.
    /// - Throws: ``ExpressionEvaluationError`` for a value that cannot be computed (an integer
    ///   overflow, text that `int()` cannot read), naming the row.
    /// - Complexity: O(rows × operators).
    public func evaluate(on frame: DataFrame) throws(ExpressionEvaluationError) -> Column {
        try vector(on: frame).column(type, count: frame.rowCount)
    }
}

extension Expression {
    /// Checks the expression against `schema`: every column it names exists, and every operator
    /// and function gets operands of types it takes.
    /// - Throws: ``ExpressionProblems``, every problem found, in the order they are written.
    public func checked(against schema: TableSchema) throws(ExpressionProblems) -> CheckedExpression {
        let checker = ExpressionChecker(self, schema: schema)
        let typed = checker.check(root)
        guard let typed, checker.problems.isEmpty else { throw ExpressionProblems(Self.ordered(checker.problems)) }
        return CheckedExpression(self, typed)
    }

    /// Checks the expression as a condition: as ``checked(against:)``, and its value must be a
    /// boolean.
    public func checkedCondition(against schema: TableSchema) throws(ExpressionProblems) -> CheckedExpression {
        let checker = ExpressionChecker(self, schema: schema)
        let typed = checker.check(root)
        if let typed, typed.type != .bool {
            checker.report("a condition must be true or false, but \(checker.describe(typed))", at: typed.node)
        }
        guard let typed, checker.problems.isEmpty else { throw ExpressionProblems(Self.ordered(checker.problems)) }
        return CheckedExpression(self, typed)
    }

    /// Problems by position, the order found kept between problems at one position.
    private static func ordered(_ problems: [ExpressionProblem]) -> [ExpressionProblem] {
        problems.enumerated().sorted { ($0.element.offset, $0.offset) < ($1.element.offset, $1.offset) }.map(\.element)
    }
}

extension DataFrame {
    /// The rows where `condition` is true, in order; rows where it is false or null are dropped,
    /// as SQL's `WHERE` and dplyr's `filter` drop them.
    /// - Throws: ``ExpressionEvaluationError`` as ``CheckedExpression/evaluate(on:)`` does, or
    ///   when `condition` is not a boolean expression.
    public func filtered(by condition: CheckedExpression) throws(ExpressionEvaluationError) -> DataFrame {
        guard condition.type == .bool else {
            throw ExpressionEvaluationError("'\(condition.expression.text)' is not a condition", at: 0, row: 0)
        }
        // A boolean's bit is clear in its missing rows, so the set bits are the rows to keep.
        switch try condition.vector(on: self).bools {
        case .constant(true)?: return self
        case let .rows(bits)?: return gatheringRows(bits.setRows())
        case .constant(false)?, nil: return gatheringRows([])
        }
    }
}
