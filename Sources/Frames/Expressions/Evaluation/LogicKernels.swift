/// `and`, `or`, `not`, and choosing between values row by row (`if_else`, `coalesce`,
/// `least`, `greatest`), a word of 64 rows at a time where the values are booleans.
///
/// Missing values follow SQL's three-valued logic: `null and false` is false, `null or true` is
/// true, and otherwise an operation with null is null.
enum LogicKernels {
    /// The bits and the missing rows of a boolean (or all-null) vector.
    private static func parts(_ vector: Vector, count: Int) -> (bits: RowMask, nulls: RowMask?) {
        guard let bits = vector.bools else { return (RowMask(count: count), vector.missing(count)) }
        return (bits.materialised(count), vector.nulls)
    }

    static func not(_ a: Vector, count: Int) -> Vector {
        guard let bits = a.bools else { return .null }
        if case let .constant(value) = bits { return .bool(.constant(!value), nulls: nil, count: count) }
        return .bool(.rows(bits.materialised(count).inverted), nulls: a.nulls, count: count)
    }

    static func and(_ a: Vector, _ b: Vector, count: Int) -> Vector {
        let (x, nx) = parts(a, count: count), (y, ny) = parts(b, count: count)
        guard let either = RowMask.union(nx, ny) else { return .bool(.rows(x & y), nulls: nil, count: count) }
        // Null unless the other side is false: a row stays null only where neither side is false.
        let nulls = either & (nx.map { x | $0 } ?? x) & (ny.map { y | $0 } ?? y)
        return .bool(.rows(x & y), nulls: nulls.nilIfEmpty, count: count)
    }

    static func or(_ a: Vector, _ b: Vector, count: Int) -> Vector {
        let (x, nx) = parts(a, count: count), (y, ny) = parts(b, count: count)
        guard let either = RowMask.union(nx, ny) else { return .bool(.rows(x | y), nulls: nil, count: count) }
        // Null unless the other side is true.
        let nulls = either.subtracting(x | y)
        return .bool(.rows(x | y), nulls: nulls.nilIfEmpty, count: count)
    }

    /// Row by row, `a` where `chosen` is set and `b` elsewhere, as values of `type`.
    static func select(_ chosen: RowMask, _ a: Vector, _ b: Vector, type: ExpressionType, count: Int) -> Vector {
        let nulls = RowMask.union(
            a.missing(count).map { $0 & chosen }, b.missing(count).map { $0.subtracting(chosen) }
        )?.nilIfEmpty
        switch type {
        case .int: return .int(choose(chosen, a.ints ?? .constant(0), b.ints ?? .constant(0), count), nulls: nulls)
        case .timestamp: return .timestamp(choose(chosen, a.ints ?? .constant(0), b.ints ?? .constant(0), count), nulls: nulls)
        case .string: return .string(choose(chosen, a.strings ?? .constant(""), b.strings ?? .constant(""), count), nulls: nulls)
        case .double:
            return .double(choose(chosen, a.doubles ?? .constant(.nan), b.doubles ?? .constant(.nan), count), nulls: nulls)
        case .bool:
            let x = a.bools?.materialised(count) ?? RowMask(count: count)
            let y = b.bools?.materialised(count) ?? RowMask(count: count)
            return .bool(.rows((x & chosen) | y.subtracting(chosen)), nulls: nulls, count: count)
        case .null:
            return .null
        }
    }

    private static func choose<T>(_ chosen: RowMask, _ x: Lane<T>, _ y: Lane<T>, _ count: Int) -> Lane<T> {
        let xs = x.materialised(count), ys = y.materialised(count)
        return .rows((0..<count).map { chosen[$0] ? xs[$0] : ys[$0] })
    }
}
