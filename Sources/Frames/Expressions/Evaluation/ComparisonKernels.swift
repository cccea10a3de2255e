/// Comparisons over whole columns, packed into bits: `== != < <= > >=`, `in`, `is null`.
///
/// A comparison with a missing value is missing (SQL's rule), so `x != 3` does not hold where
/// `x` is null. Text compares by Unicode code points (its UTF-8 bytes), as Python compares
/// strings, so that `'é' == 'é'` only when both are written with the same code points.
enum ComparisonKernels {
    /// `a op b`, both numbers (integers and doubles mixed), text, timestamps or booleans.
    static func compare(_ op: BinaryOperator, _ a: Vector, _ b: Vector, count: Int) -> Vector {
        let bits: BoolLane
        switch (a.values, b.values) {
        case (.null, _), (_, .null):
            return .null
        case let (.int(x), .int(y)), let (.timestamp(x), .timestamp(y)):
            bits = ComparisonLoops.compare(op, x, y, count: count).bits
        case let (.string(x), .string(y)):
            bits = text(op, x, y, count: count)
        case let (.bool(x), .bool(y)):
            bits = booleans(op, x.materialised(count), y.materialised(count))
        default:
            guard let x = a.doubles, let y = b.doubles else { return .null }
            let (bits, nans) = ComparisonLoops.compare(op, x, y, count: count)
            if nans?.setCount == count, count > 0 { return .null }
            return .bool(bits, nulls: RowMask.union(RowMask.union(a.nulls, b.nulls), nans), count: count)
        }
        return .bool(bits, nulls: RowMask.union(a.nulls, b.nulls), count: count)
    }

    private static func text(_ op: BinaryOperator, _ x: Lane<String>, _ y: Lane<String>, count: Int) -> BoolLane {
        switch op {
        case .equal: return test(x, y, count: count) { $0.utf8.elementsEqual($1.utf8) }
        case .notEqual: return test(x, y, count: count) { !$0.utf8.elementsEqual($1.utf8) }
        case .less: return test(x, y, count: count) { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        case .lessOrEqual: return test(x, y, count: count) { !$1.utf8.lexicographicallyPrecedes($0.utf8) }
        case .greater: return test(x, y, count: count) { $1.utf8.lexicographicallyPrecedes($0.utf8) }
        default: return test(x, y, count: count) { !$0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
    }

    /// Booleans compare as false < true, a whole word at a time.
    private static func booleans(_ op: BinaryOperator, _ x: RowMask, _ y: RowMask) -> BoolLane {
        switch op {
        case .equal: return .rows(.combining(x, y) { ~($0 ^ $1) })
        case .notEqual: return .rows(.combining(x, y) { $0 ^ $1 })
        case .less: return .rows(.combining(x, y) { ~$0 & $1 })
        case .lessOrEqual: return .rows(.combining(x, y) { ~$0 | $1 })
        case .greater: return .rows(.combining(x, y) { $0 & ~$1 })
        default: return .rows(.combining(x, y) { $0 | ~$1 })
        }
    }

    /// `value in [items]`, as SQL's `IN`: true when an item equals the value; otherwise null when
    /// the value or an item is null, and false when neither is.
    static func membership(_ value: Vector, _ items: [Vector], negated: Bool, count: Int) -> Vector {
        if case .null = value.values { return .null }
        if items.count > 8, let found = lookUp(value, in: items, count: count) {
            return .bool(.rows(negated ? found.inverted : found), nulls: value.missing(count), count: count)
        }
        var found = RowMask(count: count)
        var nullItems: RowMask?
        for item in items {
            let equal = compare(.equal, value, item, count: count)
            if let bits = equal.bools { found = found | bits.materialised(count) }
            nullItems = RowMask.union(nullItems, item.missing(count))
        }
        let nulls = RowMask.union(value.missing(count), nullItems?.subtracting(found).nilIfEmpty)
        return .bool(.rows(negated ? found.inverted : found), nulls: nulls, count: count)
    }

    /// The rows whose value is one of `items`, found in a hash set in one pass, when every item
    /// is a constant with a value (a long list of literals); nil otherwise. A list of a few
    /// items is faster compared item by item.
    private static func lookUp(_ value: Vector, in items: [Vector], count: Int) -> RowMask? {
        func constants<T>(_ lane: (Vector) -> Lane<T>?) -> [T]? {
            var values: [T] = []
            for item in items {
                guard item.nulls == nil, case let .constant(constant)? = lane(item) else { return nil }
                values.append(constant)
            }
            return values
        }
        switch value.values {
        case let .int(lane), let .timestamp(lane):
            guard let lookup = constants(\.ints).map(IntegerSet.init) else { return nil }
            return test(lane, count: count) { lookup.contains($0) }.materialised(count)
        case let .string(lane):
            guard let set = constants(\.strings).map({ Set($0.map(ExactString.init)) }) else { return nil }
            return test(lane, count: count) { set.contains(ExactString(value: $0)) }.materialised(count)
        default:
            return nil
        }
    }

    /// `value is null`, or `value is not null`; never null itself.
    static func isNull(_ value: Vector, negated: Bool, count: Int) -> Vector {
        let missing = value.missing(count) ?? RowMask(count: count)
        return .bool(.rows(negated ? missing.inverted : missing), nulls: nil, count: count)
    }
}

/// A set of integers tested fast: a bitmap over their span when it is narrow (ids, years), a
/// sorted array searched by halves otherwise. Swift's `Set` hashes with SipHash, several
/// times slower per row than either.
struct IntegerSet {
    /// The widest span kept as a bitmap: 2²⁰ bits, 128 KiB.
    private static let bitmapSpan = 1 << 20

    private let lowest: Int
    private let bitmap: [UInt64]
    private let sorted: [Int]

    init(_ values: [Int]) {
        sorted = Array(Set(values)).sorted()
        lowest = sorted.first ?? 0
        let (span, overflow) = (sorted.last ?? 0).subtractingReportingOverflow(lowest)
        guard !overflow, span < Self.bitmapSpan else {
            bitmap = []
            return
        }
        var words = [UInt64](repeating: 0, count: span / 64 + 1)
        for value in sorted {
            let offset = value - lowest
            words[offset >> 6] |= 1 << UInt64(offset & 63)
        }
        bitmap = words
    }

    @inline(__always)
    func contains(_ value: Int) -> Bool {
        guard bitmap.isEmpty else {
            let (offset, overflow) = value.subtractingReportingOverflow(lowest)
            guard !overflow, offset >= 0, offset >> 6 < bitmap.count else { return false }
            return bitmap[offset >> 6] & (1 << UInt64(offset & 63)) != 0
        }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
