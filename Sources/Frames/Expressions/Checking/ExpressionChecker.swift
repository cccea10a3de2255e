/// A sub-expression that passed the checker: its type, and how to compute it for every row.
struct Typed {
    var type: ExpressionType
    var node: ExpressionNode
    var kernel: Kernel

    init(_ type: ExpressionType, _ node: ExpressionNode, _ kernel: @escaping Kernel) {
        self.type = type
        self.node = node
        self.kernel = kernel
    }

    /// The literal this is, when it is written as one.
    var literal: ExpressionLiteral? {
        if case let .literal(literal) = node.kind { return literal }
        return nil
    }

    /// The column this is, when it is a bare column reference.
    var columnName: String? {
        if case let .column(name) = node.kind { return name }
        return nil
    }
}

/// Checks an expression against a table's columns, collecting every problem, and compiles each
/// node into a kernel that computes it for whole columns at once.
///
/// A node with a problem has no type; the nodes above it are not checked further, so that one
/// mistake is reported once.
final class ExpressionChecker {
    let expression: Expression
    let schema: TableSchema
    private(set) var problems: [ExpressionProblem] = []

    init(_ expression: Expression, schema: TableSchema) {
        self.expression = expression
        self.schema = schema
    }

    func report(_ message: String, at node: ExpressionNode, kind: ExpressionProblem.Kind = .type) {
        problems.append(ExpressionProblem(message, at: node.offset, kind: kind))
    }

    /// How a message names an operand and its type: "'title' holds strings", "'rating * 2' is a
    /// number", "'abc' is text".
    func describe(_ operand: Typed) -> String {
        if let name = operand.columnName { return "'\(name)' holds \(operand.type.plural)" }
        return "\(quoted(operand.node)) is \(operand.type.singular)"
    }

    /// The node's source text between quotes, shortened when long.
    func quoted(_ node: ExpressionNode) -> String {
        var text = expression.source(node.range)
        if text.unicodeScalars.count > 40 { text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(37))) + "…" }
        if case .literal(.string) = node.kind { return text }
        return "'\(text)'"
    }

    func check(_ node: ExpressionNode) -> Typed? {
        switch node.kind {
        case let .literal(literal):
            return Self.literal(literal, node)
        case let .column(name):
            return column(name, node)
        case let .unary(op, operand):
            guard let operand = check(operand) else { return nil }
            return op == .not ? not(operand, node) : negate(operand, node)
        case let .binary(op, left, right):
            let checkedLeft = check(left), checkedRight = check(right)
            guard let checkedLeft, let checkedRight else { return nil }
            if op == .and || op == .or { return logical(op, checkedLeft, checkedRight, node) }
            if op.isComparison { return comparison(op, checkedLeft, checkedRight, node) }
            return arithmetic(op, checkedLeft, checkedRight, node)
        case let .isNull(operand, negated):
            guard let operand = check(operand) else { return nil }
            let kernel = operand.kernel
            return Typed(.bool, node) { scope throws(ExpressionEvaluationError) in
                ComparisonKernels.isNull(try kernel(scope), negated: negated, count: scope.count)
            }
        case let .membership(value, items, negated):
            return membership(value, items, negated: negated, node)
        case let .call(name, arguments):
            return call(name, arguments, node)
        }
    }

    static func literal(_ literal: ExpressionLiteral, _ node: ExpressionNode) -> Typed {
        switch literal {
        case let .int(value): return Typed(.int, node) { _ in .int(.constant(value)) }
        case let .double(value): return Typed(.double, node) { _ in .double(.constant(value)) }
        case let .string(value): return Typed(.string, node) { _ in .string(.constant(value)) }
        case let .bool(value): return Typed(.bool, node) { scope in .bool(.constant(value), nulls: nil, count: scope.count) }
        case .null: return Typed(.null, node) { _ in .null }
        }
    }

    private static let keywordLookalikes: [String: String] = [
        "NULL": "null", "Null": "null", "None": "null", "NaN": "null", "nan": "null",
        "TRUE": "true", "True": "true", "FALSE": "false", "False": "false",
    ]

    private func column(_ name: String, _ node: ExpressionNode) -> Typed? {
        guard let columnType = schema.type(of: name) else {
            var message = schema.unknownColumnMessage(name)
            if let keyword = Self.keywordLookalikes[name], !message.contains("did you mean") {
                message = "no column '\(name)'; write \(keyword == "null" ? "null for a missing value" : "\(keyword) in lower case")"
            } else if ExpressionFunctions.definition(named: name) != nil, !message.contains("did you mean") {
                message += "; \(name) is a function: write \(name)(…)"
            }
            report(message, at: node, kind: .unknownColumn)
            return nil
        }
        let type = ExpressionType(columnType)
        return Typed(type, node) { scope throws(ExpressionEvaluationError) in
            try scope.column(name, type, at: node.offset)
        }
    }

    private func not(_ operand: Typed, _ node: ExpressionNode) -> Typed? {
        guard requireCondition(operand, "'not'") else { return nil }
        let kernel = operand.kernel
        return Typed(.bool, node) { scope throws(ExpressionEvaluationError) in
            LogicKernels.not(try kernel(scope), count: scope.count)
        }
    }

    private func negate(_ operand: Typed, _ node: ExpressionNode) -> Typed? {
        guard operand.type.isNumeric || operand.type == .null else {
            report("\(describe(operand)); '-' needs numbers", at: operand.node)
            return nil
        }
        let kernel = operand.kernel
        let overflow = overflowError(node)
        return Typed(operand.type, node) { scope throws(ExpressionEvaluationError) in
            try ArithmeticKernels.negate(try kernel(scope), scope: scope, overflow: overflow)
        }
    }

    /// Reports an operand of a logical operator that is not a condition.
    func requireCondition(_ operand: Typed, _ what: String) -> Bool {
        guard operand.type != .bool, operand.type != .null else { return true }
        report("\(describe(operand)); \(what) needs conditions (true or false)", at: operand.node)
        return false
    }

    private func logical(_ op: BinaryOperator, _ left: Typed, _ right: Typed, _ node: ExpressionNode) -> Typed? {
        let validLeft = requireCondition(left, "'\(op.symbol)'")
        guard requireCondition(right, "'\(op.symbol)'"), validLeft else { return nil }
        let leftKernel = left.kernel, rightKernel = right.kernel
        return Typed(.bool, node) { scope throws(ExpressionEvaluationError) in
            let a = try leftKernel(scope), b = try rightKernel(scope)
            return op == .and ? LogicKernels.and(a, b, count: scope.count) : LogicKernels.or(a, b, count: scope.count)
        }
    }

    /// The error for an integer result beyond 64 bits in `row`.
    func overflowError(_ node: ExpressionNode) -> @Sendable (Int) -> ExpressionEvaluationError {
        let text = quoted(node)
        return { row in ExpressionEvaluationError("\(text) is beyond the range of 64-bit integers", at: node.offset, row: row) }
    }

    private func call(_ name: String, _ arguments: [ExpressionNode], _ node: ExpressionNode) -> Typed? {
        let checked = arguments.map { check($0) }
        guard let definition = ExpressionFunctions.definition(named: name) else {
            var message = "unknown function '\(name)'"
            if let suggestion = ExpressionFunctions.suggestion(for: name) {
                message += "; did you mean '\(suggestion)'?"
            } else if schema.contains(name) {
                message += "; '\(name)' is a column, not a function"
            }
            report(message, at: node, kind: .unknownFunction)
            return nil
        }
        guard definition.arity.contains(arguments.count) else {
            report("\(name)() takes \(definition.arityDescription), got \(arguments.count)", at: node)
            return nil
        }
        let typed = checked.compactMap { $0 }
        guard typed.count == checked.count else { return nil }
        return definition.resolve(FunctionCall(name: name, node: node, arguments: typed, checker: self))
    }
}
