/// The values of one sub-expression: one per row, or one standing for every row (a literal, or
/// anything computed from literals alone), which is never copied out to every row.
enum Lane<Element: Sendable>: Sendable {
    case rows([Element])
    case constant(Element)

    /// The value in `row`.
    @inline(__always)
    subscript(row: Int) -> Element {
        switch self {
        case let .rows(values): return values[row]
        case let .constant(value): return value
        }
    }

    /// The value for every row, `count` of them.
    func materialised(_ count: Int) -> [Element] {
        switch self {
        case let .rows(values): return values
        case let .constant(value): return [Element](repeating: value, count: count)
        }
    }
}

/// Booleans: one bit per row, or one value standing for every row.
enum BoolLane: Sendable {
    case rows(RowMask)
    case constant(Bool)

    func materialised(_ count: Int) -> RowMask {
        switch self {
        case let .rows(bits): return bits
        case let .constant(value): return value ? .all(count) : RowMask(count: count)
        }
    }

    @inline(__always)
    subscript(row: Int) -> Bool {
        switch self {
        case let .rows(bits): return bits[row]
        case let .constant(value): return value
        }
    }
}

// The kernels below take their element operation as a closure that the optimiser inlines into
// a tight loop over contiguous storage, one loop per shape of operands, so that evaluating an
// operator costs one pass over its operands and no per-row dispatch.

/// `transform` applied to each value.
@inline(__always)
func map<A, R>(_ a: Lane<A>, _ transform: (A) -> R) -> Lane<R> {
    switch a {
    case let .constant(x): return .constant(transform(x))
    case let .rows(xs):
        return .rows(xs.withUnsafeBufferPointer { x in
            [R](unsafeUninitializedCapacity: x.count) { buffer, initialized in
                for row in 0..<x.count { buffer.initializeElement(at: row, to: transform(x[row])) }
                initialized = x.count
            }
        })
    }
}

/// `combine` applied to the values of each row.
@inline(__always)
func zip<A, B, R>(_ a: Lane<A>, _ b: Lane<B>, count: Int, _ combine: (A, B) -> R) -> Lane<R> {
    switch (a, b) {
    case let (.constant(x), .constant(y)):
        return .constant(combine(x, y))
    case let (.rows(xs), .constant(y)):
        return map(.rows(xs)) { combine($0, y) }
    case let (.constant(x), .rows(ys)):
        return map(.rows(ys)) { combine(x, $0) }
    case let (.rows(xs), .rows(ys)):
        return .rows(xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in
                [R](unsafeUninitializedCapacity: count) { buffer, initialized in
                    for row in 0..<count { buffer.initializeElement(at: row, to: combine(x[row], y[row])) }
                    initialized = count
                }
            }
        })
    }
}

/// `test` applied to the values of each row, packed into bits.
@inline(__always)
func test<A, B>(_ a: Lane<A>, _ b: Lane<B>, count: Int, _ test: (A, B) -> Bool) -> BoolLane {
    switch (a, b) {
    case let (.constant(x), .constant(y)):
        return .constant(test(x, y))
    case let (.rows(xs), .constant(y)):
        return .rows(xs.withUnsafeBufferPointer { x in RowMask.packing(count) { test(x[$0], y) } })
    case let (.constant(x), .rows(ys)):
        return .rows(ys.withUnsafeBufferPointer { y in RowMask.packing(count) { test(x, y[$0]) } })
    case let (.rows(xs), .rows(ys)):
        return .rows(xs.withUnsafeBufferPointer { x in
            ys.withUnsafeBufferPointer { y in RowMask.packing(count) { test(x[$0], y[$0]) } }
        })
    }
}

/// `test` applied to each value, packed into bits.
@inline(__always)
func test<A>(_ a: Lane<A>, count: Int, _ test: (A) -> Bool) -> BoolLane {
    switch a {
    case let .constant(x): return .constant(test(x))
    case let .rows(xs): return .rows(xs.withUnsafeBufferPointer { x in RowMask.packing(count) { test(x[$0]) } })
    }
}
