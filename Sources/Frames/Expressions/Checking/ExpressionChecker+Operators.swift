/// The typing rules of the operators.
///
/// Arithmetic takes numbers (an integer with a double gives a double; `/` always gives a
/// double), `+` also joins text, and timestamps take and give seconds: `t - t` is an integer
/// count of seconds, `t + n` and `t - n` are timestamps. Comparisons take two values of one kind
/// (numbers, text, timestamps or booleans); a timestamp compares with a date written as text,
/// `t >= '2015-01-01'`, which the checker reads once.
extension ExpressionChecker {
    func arithmetic(_ op: BinaryOperator, _ left: Typed, _ right: Typed, _ node: ExpressionNode) -> Typed? {
        if op == .add, left.type == .string || right.type == .string {
            var valid = true
            for operand in [left, right] where operand.type != .string && operand.type != .null {
                report("\(describe(operand)); '+' joins text only to text; convert it with string(…)", at: operand.node)
                valid = false
            }
            guard valid else { return nil }
            return binary(left, right, .string, node) { a, b, scope throws(ExpressionEvaluationError) in
                ArithmeticKernels.concatenate(a, b, count: scope.count)
            }
        }
        if left.type == .timestamp || right.type == .timestamp {
            return timestampArithmetic(op, left, right, node)
        }
        var valid = true
        for operand in [left, right] where !operand.type.isNumeric && operand.type != .null {
            report("\(describe(operand)); '\(op.symbol)' needs numbers", at: operand.node)
            valid = false
        }
        guard valid else { return nil }
        if left.type == .null && right.type == .null { return binary(left, right, .null, node) { _, _, _ in .null } }
        if op == .divide || left.type == .double || right.type == .double {
            return binary(left, right, .double, node) { a, b, scope throws(ExpressionEvaluationError) in
                ArithmeticKernels.doubles(op, a, b, count: scope.count)
            }
        }
        return integerArithmetic(op, left, right, result: .int, node)
    }

    private func timestampArithmetic(_ op: BinaryOperator, _ left: Typed, _ right: Typed, _ node: ExpressionNode) -> Typed? {
        let (timestamp, other) = left.type == .timestamp ? (left, right) : (right, left)
        switch (op, other.type) {
        case (.subtract, .timestamp) where left.type == .timestamp:
            return integerArithmetic(op, left, right, result: .int, node)
        case (.add, .int), (.add, .null):
            return integerArithmetic(op, left, right, result: .timestamp, node)
        case (.subtract, .int), (.subtract, .null):
            if left.type == .timestamp { return integerArithmetic(op, left, right, result: .timestamp, node) }
            report("\(describe(right)); '-' subtracts a timestamp only from a timestamp", at: right.node)
        case (.add, .timestamp):
            report("\(describe(right)); '+' adds seconds (an integer) to a timestamp, not another timestamp", at: right.node)
        case (.add, _), (.subtract, _):
            report("\(describe(other)); '\(op.symbol)' adds or subtracts whole seconds (an integer) to or from a timestamp", at: other.node)
        default:
            report("\(describe(timestamp)); '\(op.symbol)' needs numbers", at: timestamp.node)
        }
        return nil
    }

    private func integerArithmetic(
        _ op: BinaryOperator, _ left: Typed, _ right: Typed, result: ExpressionType, _ node: ExpressionNode
    ) -> Typed {
        let overflow = overflowError(node)
        return binary(left, right, result, node) { a, b, scope throws(ExpressionEvaluationError) in
            guard let (values, nulls) = try ArithmeticKernels.integers(op, a, b, scope: scope, overflow: overflow) else {
                return .null
            }
            return result == .timestamp ? .timestamp(values, nulls: nulls) : .int(values, nulls: nulls)
        }
    }

    /// A node whose value is `combine` of its two operands' values.
    private func binary(
        _ left: Typed, _ right: Typed, _ type: ExpressionType, _ node: ExpressionNode,
        _ combine: @escaping @Sendable (Vector, Vector, EvaluationScope) throws(ExpressionEvaluationError) -> Vector
    ) -> Typed {
        let leftKernel = left.kernel, rightKernel = right.kernel
        return Typed(type, node) { scope throws(ExpressionEvaluationError) in
            try combine(try leftKernel(scope), try rightKernel(scope), scope)
        }
    }

    func comparison(_ op: BinaryOperator, _ left: Typed, _ right: Typed, _ node: ExpressionNode) -> Typed? {
        if op == .equal || op == .notEqual, left.literal == .null || right.literal == .null {
            let operand = left.literal == .null ? right : left
            let test = op == .equal ? "is null" : "is not null"
            report("a comparison with null is null, never true; write '\(expression.source(operand.node.range)) \(test)'", at: node)
            return nil
        }
        guard let (left, right) = comparable(left, right, op.symbol, reportingAt: left.node) else { return nil }
        return binary(left, right, .bool, node) { a, b, scope in
            ComparisonKernels.compare(op, a, b, count: scope.count)
        }
    }

    /// The two operands of a comparison, a date written as text read as a timestamp; nil after
    /// reporting at `place` when they cannot be compared.
    private func comparable(_ left: Typed, _ right: Typed, _ what: String, reportingAt place: ExpressionNode) -> (Typed, Typed)? {
        guard let left = timestampLiteral(left, comparedWith: right),
              let right = timestampLiteral(right, comparedWith: left) else { return nil }
        let kinds: (ExpressionType) -> Int = { type in
            switch type {
            case .int, .double: return 0
            case .string: return 1
            case .timestamp: return 2
            case .bool: return 3
            case .null: return -1
            }
        }
        let (a, b) = (kinds(left.type), kinds(right.type))
        if a == b || a < 0 || b < 0 { return (left, right) }
        var message = "\(describe(left)) but \(describe(right)); '\(what)' compares values of the same kind"
        if left.type == .timestamp || right.type == .timestamp {
            message += "; write a date as '2015-01-31', or convert Unix seconds with timestamp(…)"
        } else if left.type == .string || right.type == .string {
            message += "; convert with string(…), int(…) or double(…)"
        }
        report(message, at: place)
        return nil
    }

    /// A text literal compared with a timestamp, read as a date; the operand as it is otherwise.
    private func timestampLiteral(_ operand: Typed, comparedWith other: Typed) -> Typed? {
        guard other.type == .timestamp, case let .string(text)? = operand.literal else { return operand }
        switch TimestampText.parse(text) {
        case let .success(seconds):
            return Typed(.timestamp, operand.node) { _ in .timestamp(.constant(seconds)) }
        case let .failure(invalid):
            report("\(quoted(operand.node)) is not a date: \(invalid.reason)", at: operand.node)
            return nil
        }
    }

    func membership(_ value: ExpressionNode, _ items: [ExpressionNode], negated: Bool, _ node: ExpressionNode) -> Typed? {
        let checkedValue = check(value)
        let checkedItems = items.map { check($0) }
        guard let checkedValue else { return nil }
        let kernels = checkedItems.compactMap { item in
            item.flatMap { comparable(checkedValue, $0, negated ? "not in" : "in", reportingAt: $0.node) }?.1.kernel
        }
        guard kernels.count == items.count else { return nil }
        let valueKernel = checkedValue.kernel
        return Typed(.bool, node) { scope throws(ExpressionEvaluationError) in
            let value = try valueKernel(scope)
            var vectors: [Vector] = []
            for kernel in kernels { vectors.append(try kernel(scope)) }
            return ComparisonKernels.membership(value, vectors, negated: negated, count: scope.count)
        }
    }
}
