import Foundation

/// Arithmetic over whole columns: `+ - * / // %` and negation.
///
/// Integers are exact: a result beyond 64 bits is an error naming the row, never a wrapped
/// value. Division by zero gives null, as in SQLite and MySQL. `//` and `%` follow Python: the
/// quotient is floored and the remainder takes the divisor's sign.
enum ArithmeticKernels {
    /// Integer (or timestamp-second) arithmetic; `op` is `+`, `-`, `*`, `//` or `%`.
    /// - Parameter overflow: the error for an overflow in `row`.
    static func integers(
        _ op: BinaryOperator, _ a: Vector, _ b: Vector, scope: EvaluationScope,
        overflow: (Int) -> ExpressionEvaluationError
    ) throws(ExpressionEvaluationError) -> (values: Lane<Int>, nulls: RowMask?)? {
        guard let x = a.ints, let y = b.ints else { return nil }
        let count = scope.count
        var nulls = RowMask.union(a.nulls, b.nulls)
        var overflowed = false
        let result: Lane<Int>
        switch op {
        case .add:
            result = zip(x, y, count: count) { p, q in
                let (sum, carry) = p.addingReportingOverflow(q)
                overflowed = overflowed || carry
                return sum
            }
        case .subtract:
            result = zip(x, y, count: count) { p, q in
                let (difference, carry) = p.subtractingReportingOverflow(q)
                overflowed = overflowed || carry
                return difference
            }
        case .multiply:
            result = zip(x, y, count: count) { p, q in
                let (product, carry) = p.multipliedReportingOverflow(by: q)
                overflowed = overflowed || carry
                return product
            }
        case .floorDivide, .remainder:
            switch test(y, count: count, { $0 == 0 }) {
            case .constant(true): return nil
            case .constant(false): break
            case let .rows(zeros): nulls = RowMask.union(nulls, zeros.nilIfEmpty)
            }
            let floor = op == .floorDivide
            result = zip(x, y, count: count) { p, q in
                let (value, carry) = floor ? floorDivision(p, q) : floorRemainder(p, q)
                overflowed = overflowed || carry
                return value
            }
        default:
            return nil
        }
        if overflowed, let row = scope.firstFailure(nulls: nulls, { overflows(op, x[$0], y[$0]) }) {
            throw overflow(row)
        }
        return (result, nulls)
    }

    private static func overflows(_ op: BinaryOperator, _ p: Int, _ q: Int) -> Bool {
        switch op {
        case .add: return p.addingReportingOverflow(q).overflow
        case .subtract: return p.subtractingReportingOverflow(q).overflow
        case .multiply: return p.multipliedReportingOverflow(by: q).overflow
        case .floorDivide: return floorDivision(p, q).overflow
        default: return false
        }
    }

    /// Python's `p // q` for integers; 0 for a zero divisor (the caller marks it null).
    @inline(__always)
    static func floorDivision(_ p: Int, _ q: Int) -> (value: Int, overflow: Bool) {
        guard q != 0 else { return (0, false) }
        let (quotient, overflow) = p.dividedReportingOverflow(by: q)
        if overflow { return (0, true) }
        let remainder = p &- quotient &* q
        return (remainder != 0 && (remainder < 0) != (q < 0) ? quotient - 1 : quotient, false)
    }

    /// Python's `p % q` for integers: the sign of the divisor; 0 for a zero divisor.
    @inline(__always)
    static func floorRemainder(_ p: Int, _ q: Int) -> (value: Int, overflow: Bool) {
        // `Int.min % -1` traps in Swift; its remainder is 0.
        guard q != 0, q != -1 else { return (0, false) }
        let remainder = p % q
        return (remainder != 0 && (remainder < 0) != (q < 0) ? remainder + q : remainder, false)
    }

    /// Double arithmetic, integers converted; `op` is any arithmetic operator.
    static func doubles(_ op: BinaryOperator, _ a: Vector, _ b: Vector, count: Int) -> Vector {
        guard let x = a.doubles, let y = b.doubles else { return .null }
        let lane: Lane<Double>
        switch op {
        case .add: lane = zip(x, y, count: count) { $0 + $1 }
        case .subtract: lane = zip(x, y, count: count) { $0 - $1 }
        case .multiply: lane = zip(x, y, count: count) { $0 * $1 }
        case .divide: lane = zip(x, y, count: count) { $1 == 0 ? .nan : $0 / $1 }
        case .floorDivide: lane = zip(x, y, count: count) { $1 == 0 ? .nan : pythonDivMod($0, $1).quotient }
        case .remainder: lane = zip(x, y, count: count) { $1 == 0 ? .nan : pythonDivMod($0, $1).remainder }
        default: return .null
        }
        // Integer operands may carry masks; their rows become NaN.
        return .double(lane, nulls: RowMask.union(a.nulls, b.nulls))
    }

    /// CPython's `float_divmod`, which numpy's `floor_divide` and `remainder` also follow, so
    /// that `7.5 // -2` is -4.0 and `7.5 % -2` is -0.5 here as there.
    @inline(__always)
    static func pythonDivMod(_ x: Double, _ y: Double) -> (quotient: Double, remainder: Double) {
        var remainder = fmod(x, y)
        var division = (x - remainder) / y
        if remainder != 0 {
            if (y < 0) != (remainder < 0) {
                remainder += y
                division -= 1
            }
        } else {
            remainder = (0.0).sign(of: y)
        }
        var quotient: Double
        if division != 0 {
            quotient = division.rounded(.down)
            if division - quotient > 0.5 { quotient += 1 }
        } else {
            quotient = (0.0).sign(of: x / y)
        }
        return (quotient, remainder)
    }

    /// Text joined: `'a' + 'b'` is `'ab'`.
    static func concatenate(_ a: Vector, _ b: Vector, count: Int) -> Vector {
        guard let x = a.strings, let y = b.strings else { return .null }
        return .string(zip(x, y, count: count) { $0 + $1 }, nulls: RowMask.union(a.nulls, b.nulls))
    }

    /// `-x`; negating the most negative integer is an overflow.
    static func negate(
        _ a: Vector, scope: EvaluationScope, overflow: (Int) -> ExpressionEvaluationError
    ) throws(ExpressionEvaluationError) -> Vector {
        switch a.values {
        case let .double(lane): return .double(map(lane) { -$0 })
        case let .int(lane):
            var overflowed = false
            let negated = map(lane) { value in
                overflowed = overflowed || value == .min
                return 0 &- value
            }
            if overflowed, let row = scope.firstFailure(nulls: a.nulls, { lane[$0] == .min }) { throw overflow(row) }
            return .int(negated, nulls: a.nulls)
        default: return .null
        }
    }
}

extension Double {
    /// Zero with the sign of `other`, as C's `copysign(0.0, other)`.
    fileprivate func sign(of other: Double) -> Double {
        Double(sign: other.sign, exponentBitPattern: exponentBitPattern, significandBitPattern: significandBitPattern)
    }
}
