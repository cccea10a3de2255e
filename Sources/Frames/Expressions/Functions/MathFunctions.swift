import Foundation

/// Functions of numbers, computed as numpy computes them (a logarithm of 0 is -inf; of a
/// negative number NaN, which is missing).
enum MathFunctions {
    /// The widest `digits` `round` takes: 10¹⁸ is the largest power of ten below 2⁶³.
    static let roundingDigits = -18...18

    static let all: [FunctionDefinition] = [
        real("log", "log(x)", "The natural logarithm of `x`.") { Foundation.log($0) },
        real("log10", "log10(x)", "The base-10 logarithm of `x`.") { Foundation.log10($0) },
        real("exp", "exp(x)", "e raised to the power `x`.") { Foundation.exp($0) },
        real("sqrt", "sqrt(x)", "The square root of `x`.") { $0.squareRoot() },
        FunctionDefinition("pow", "pow(x, y)", "`x` raised to the power `y`, a double.", arity: 2...2) { call in
            guard call.requireAll([.int, .double], "a number") else { return nil }
            return call.typed(.double) { values, scope in
                guard let x = values[0].doubles, let y = values[1].doubles else { return .null }
                return .double(zip(x, y, count: scope.count) { Foundation.pow($0, $1) }, nulls: RowMask.union(values[0].nulls, values[1].nulls))
            }
        },
        FunctionDefinition("abs", "abs(x)", "The absolute value of `x`, of the same type.", arity: 1...1) { call in
            guard call.require(0, [.int, .double], "a number") else { return nil }
            let overflow = call.checker.overflowError(call.node)
            return call.typed(call.arguments[0].type) { values, scope throws(ExpressionEvaluationError) in
                switch values[0].values {
                case let .double(x): return .double(map(x) { Swift.abs($0) })
                case let .int(x):
                    if let row = scope.firstFailure(nulls: values[0].nulls, { x[$0] == .min }) { throw overflow(row) }
                    return .int(map(x) { Swift.abs($0) }, nulls: values[0].nulls)
                default: return .null
                }
            }
        },
        rounding("floor", "floor(x)", "The greatest whole number ≤ `x`, of the same type (as numpy).", .down),
        rounding("ceil", "ceil(x)", "The least whole number ≥ `x`, of the same type (as numpy).", .up),
        round,
        extreme("least", "least(a, b, …)", "The smallest of the values that are not null, as pandas' `min(axis=1)`.", .less),
        extreme("greatest", "greatest(a, b, …)", "The largest of the values that are not null, as pandas' `max(axis=1)`.", .greater),
    ]

    /// A function of a number giving a double.
    private static func real(
        _ name: String, _ signature: String, _ summary: String, _ function: @escaping @Sendable (Double) -> Double
    ) -> FunctionDefinition {
        FunctionDefinition(name, signature, summary, arity: 1...1) { call in
            guard call.require(0, [.int, .double], "a number") else { return nil }
            return call.typed(.double) { values, _ in
                guard let x = values[0].doubles else { return .null }
                return .double(map(x, function), nulls: values[0].nulls)
            }
        }
    }

    private static func rounding(
        _ name: String, _ signature: String, _ summary: String, _ rule: FloatingPointRoundingRule
    ) -> FunctionDefinition {
        FunctionDefinition(name, signature, summary, arity: 1...1) { call in
            guard call.require(0, [.int, .double], "a number") else { return nil }
            return call.typed(call.arguments[0].type) { values, _ in
                guard case let .double(x) = values[0].values else { return values[0] }
                return .double(map(x) { $0.rounded(rule) })
            }
        }
    }

    private static let round = FunctionDefinition(
        "round", "round(x[, digits])",
        "`x` rounded to `digits` decimal places (default 0; negative rounds to tens, hundreds…), halves to even as numpy and pandas round.",
        arity: 1...2
    ) { call in
        guard call.require(0, [.int, .double], "a number") else { return nil }
        let digits = call.arguments.count == 2 ? wholeNumberLiteral(call.arguments[1].node) : 0
        guard let digits, roundingDigits.contains(digits) else {
            call.checker.report(
                "round() needs its digits written as a whole number from \(roundingDigits.lowerBound) to \(roundingDigits.upperBound), such as round(x, 2)",
                at: call.arguments[1].node
            )
            return nil
        }
        let overflow = call.checker.overflowError(call.node)
        return call.typed(call.arguments[0].type) { values, scope throws(ExpressionEvaluationError) in
            switch values[0].values {
            case let .double(x): return .double(map(x) { roundHalfEven($0, digits: digits) })
            case let .int(x) where digits < 0:
                let unit = power(-digits)
                if let row = scope.firstFailure(nulls: values[0].nulls, { roundHalfEven(x[$0], unit: unit) == nil }) { throw overflow(row) }
                return .int(map(x) { roundHalfEven($0, unit: unit) ?? 0 }, nulls: values[0].nulls)
            default: return values[0]
            }
        }
    }

    /// The integer written as a literal, or as a negated literal.
    private static func wholeNumberLiteral(_ node: ExpressionNode) -> Int? {
        switch node.kind {
        case let .literal(.int(value)): return value
        case let .unary(.negate, operand):
            if case let .literal(.int(value)) = operand.kind { return -value }
            return nil
        default: return nil
        }
    }

    /// 10 to the power `exponent`, for exponents in 0…18.
    static func power(_ exponent: Int) -> Int {
        (0..<exponent).reduce(1) { product, _ in product * 10 }
    }

    /// numpy's `round(x, digits)`: scale by a power of ten, round half to even, scale back.
    static func roundHalfEven(_ x: Double, digits: Int) -> Double {
        let scale = Double(power(Swift.abs(digits)))
        let rounded = digits >= 0
            ? (x * scale).rounded(.toNearestOrEven) / scale
            : (x / scale).rounded(.toNearestOrEven) * scale
        // A value so large that scaling overflows is whole already.
        return rounded.isFinite || !x.isFinite ? rounded : x
    }

    /// `x` rounded to a multiple of `unit`, halves to the even multiple; nil when the result
    /// does not fit in 64 bits.
    static func roundHalfEven(_ x: Int, unit: Int) -> Int? {
        let quotient = ArithmeticKernels.floorDivision(x, unit).value
        let remainder = x - quotient * unit
        let roundsUp = 2 * remainder > unit || (2 * remainder == unit && quotient % 2 != 0)
        let (result, overflow) = (roundsUp ? quotient + 1 : quotient).multipliedReportingOverflow(by: unit)
        return overflow ? nil : result
    }

    private static func extreme(
        _ name: String, _ signature: String, _ summary: String, _ better: BinaryOperator
    ) -> FunctionDefinition {
        FunctionDefinition(name, signature, summary, arity: 2...Int.max) { call in
            guard call.requireAll([.int, .double, .string, .timestamp], "numbers, text or timestamps"),
                  let type = call.commonType(from: 0, "arguments") else { return nil }
            return call.typed(type) { values, scope in
                let count = scope.count
                var result = values[0]
                for next in values.dropFirst() {
                    let improves = ComparisonKernels.compare(better, next, result, count: count).bools?.materialised(count)
                        ?? RowMask(count: count)
                    let onlyNext = (result.missing(count) ?? RowMask(count: count)).subtracting(next.missing(count) ?? RowMask(count: count))
                    result = LogicKernels.select(improves | onlyNext, next, result, type: type, count: count)
                }
                return result
            }
        }
    }
}
