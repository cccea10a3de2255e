// The loops that compare numbers, the hot path of a filter. The comparison and the shape of each
// operand are types rather than closures, so that the compiler specialises one tight loop for
// each combination (a closure passed through several generic layers is not reliably inlined,
// which costs a call per row).

/// A comparison, chosen at compile time.
protocol ComparisonOperation {
    static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool
}

enum IsEqual: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b }
}
enum IsNotEqual: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a != b }
}
enum IsLess: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a < b }
}
enum IsLessOrEqual: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a <= b }
}
enum IsGreater: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a > b }
}
enum IsGreaterOrEqual: ComparisonOperation {
    @inline(__always) static func holds<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
}

/// A number that may be NaN (a missing double) or never is (an integer).
protocol OrderedNumber: Comparable, Sendable {
    static var hasNaN: Bool { get }
    var isNaNValue: Bool { get }
}

extension Int: OrderedNumber {
    static var hasNaN: Bool { false }
    var isNaNValue: Bool { false }
}

extension Double: OrderedNumber {
    static var hasNaN: Bool { true }
    var isNaNValue: Bool { isNaN }
}

/// One side of a comparison: a value per row, or one for all.
protocol ComparisonOperand {
    associatedtype Element: OrderedNumber
    subscript(row: Int) -> Element { get }
}

struct EachRow<Element: OrderedNumber>: ComparisonOperand {
    let values: UnsafeBufferPointer<Element>
    @inline(__always) subscript(row: Int) -> Element { values[row] }
}

struct SameForAll<Element: OrderedNumber>: ComparisonOperand {
    let value: Element
    @inline(__always) subscript(row: Int) -> Element { value }
}

enum ComparisonLoops {
    /// `a op b` for numbers of one type, as bits, and the rows where either side is NaN.
    static func compare<T: OrderedNumber>(
        _ op: BinaryOperator, _ a: Lane<T>, _ b: Lane<T>, count: Int
    ) -> (bits: BoolLane, nans: RowMask?) {
        switch op {
        case .equal: return compare(a, b, count: count, IsEqual.self)
        case .notEqual: return compare(a, b, count: count, IsNotEqual.self)
        case .less: return compare(a, b, count: count, IsLess.self)
        case .lessOrEqual: return compare(a, b, count: count, IsLessOrEqual.self)
        case .greater: return compare(a, b, count: count, IsGreater.self)
        default: return compare(a, b, count: count, IsGreaterOrEqual.self)
        }
    }

    private static func compare<T: OrderedNumber, Op: ComparisonOperation>(
        _ a: Lane<T>, _ b: Lane<T>, count: Int, _ op: Op.Type
    ) -> (bits: BoolLane, nans: RowMask?) {
        switch (a, b) {
        case let (.constant(x), .constant(y)):
            return (.constant(Op.holds(x, y)), x.isNaNValue || y.isNaNValue ? .all(count) : nil)
        case let (.rows(xs), .constant(y)):
            return xs.withUnsafeBufferPointer { pack(EachRow(values: $0), SameForAll(value: y), count: count, op) }
        case let (.constant(x), .rows(ys)):
            return ys.withUnsafeBufferPointer { pack(SameForAll(value: x), EachRow(values: $0), count: count, op) }
        case let (.rows(xs), .rows(ys)):
            return xs.withUnsafeBufferPointer { x in
                ys.withUnsafeBufferPointer { pack(EachRow(values: x), EachRow(values: $0), count: count, op) }
            }
        }
    }

    private static func pack<A: ComparisonOperand, B: ComparisonOperand, Op: ComparisonOperation>(
        _ a: A, _ b: B, count: Int, _: Op.Type
    ) -> (bits: BoolLane, nans: RowMask?) where A.Element == B.Element {
        let wordCount = (count + 63) >> 6
        var nanWords = [UInt64](repeating: 0, count: A.Element.hasNaN ? wordCount : 0)
        let words = nanWords.withUnsafeMutableBufferPointer { nans in
            [UInt64](unsafeUninitializedCapacity: wordCount) { bits, initialized in
                for index in 0..<wordCount {
                    let base = index << 6
                    var word: UInt64 = 0, nan: UInt64 = 0
                    // A whole word has a fixed trip count, which the optimiser unrolls and vectorises.
                    if count - base >= 64 {
                        for offset in 0..<64 {
                            let (x, y) = (a[base + offset], b[base + offset])
                            word |= UInt64(Op.holds(x, y) ? 1 : 0) << UInt64(offset)
                            if A.Element.hasNaN { nan |= UInt64(x.isNaNValue || y.isNaNValue ? 1 : 0) << UInt64(offset) }
                        }
                    } else {
                        for offset in 0..<(count - base) {
                            let (x, y) = (a[base + offset], b[base + offset])
                            word |= UInt64(Op.holds(x, y) ? 1 : 0) << UInt64(offset)
                            if A.Element.hasNaN { nan |= UInt64(x.isNaNValue || y.isNaNValue ? 1 : 0) << UInt64(offset) }
                        }
                    }
                    bits[index] = word
                    if A.Element.hasNaN { nans[index] = nan }
                }
                initialized = wordCount
            }
        }
        let nans = A.Element.hasNaN ? RowMask(count: count, words: nanWords).nilIfEmpty : nil
        return (.rows(RowMask(count: count, words: words)), nans)
    }
}
