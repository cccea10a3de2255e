/// Whole-word set operations on row masks, used by the expression evaluator for boolean values
/// and for the rows without a value: 64 rows per instruction.
extension RowMask {
    /// A mask of `count` rows with every row set.
    static func all(_ count: Int) -> RowMask {
        RowMask(count: count, words: [UInt64](repeating: .max, count: (count + 63) >> 6))
    }

    /// A mask whose row `i` is `bit(i)`, built 64 rows at a time.
    @inline(__always)
    static func packing(_ count: Int, _ bit: (Int) -> Bool) -> RowMask {
        let wordCount = (count + 63) >> 6
        let words = [UInt64](unsafeUninitializedCapacity: wordCount) { buffer, initialized in
            for index in 0..<wordCount {
                let base = index << 6
                var word: UInt64 = 0
                for offset in 0..<Swift.min(64, count - base) {
                    word |= UInt64(bit(base + offset) ? 1 : 0) << UInt64(offset)
                }
                buffer[index] = word
            }
            initialized = wordCount
        }
        return RowMask(count: count, words: words)
    }

    /// Combines two masks of the same length word by word.
    @inline(__always)
    static func combining(_ a: RowMask, _ b: RowMask, _ combine: (UInt64, UInt64) -> UInt64) -> RowMask {
        let words = a.words.withUnsafeBufferPointer { x in
            b.words.withUnsafeBufferPointer { y in
                [UInt64](unsafeUninitializedCapacity: x.count) { buffer, initialized in
                    for index in 0..<x.count { buffer[index] = combine(x[index], y[index]) }
                    initialized = x.count
                }
            }
        }
        return RowMask(count: a.count, words: words)
    }

    /// The rows in neither mask's set become set, and the others clear.
    var inverted: RowMask { RowMask(count: count, words: words.map { ~$0 }) }

    static func & (a: RowMask, b: RowMask) -> RowMask { combining(a, b) { $0 & $1 } }
    static func | (a: RowMask, b: RowMask) -> RowMask { combining(a, b) { $0 | $1 } }

    /// The rows of `self` that are not in `other`.
    func subtracting(_ other: RowMask) -> RowMask { Self.combining(self, other) { $0 & ~$1 } }

    /// The union of two optional masks, nil standing for no rows.
    static func union(_ a: RowMask?, _ b: RowMask?) -> RowMask? {
        guard let a else { return b }
        guard let b else { return a }
        return a | b
    }

    /// The intersection of two optional masks, nil standing for every row.
    static func restricting(_ a: RowMask?, to b: RowMask?) -> RowMask? {
        guard let a else { return b }
        guard let b else { return a }
        return a & b
    }

    /// The set rows, in increasing order.
    ///
    /// - Complexity: O(*n*/64 + set rows).
    func setRows() -> [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(setCount)
        for (index, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                rows.append(index << 6 | remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return rows
    }

    /// The first set row, if any.
    func firstSetRow() -> Int? {
        for (index, word) in words.enumerated() where word != 0 {
            return index << 6 | word.trailingZeroBitCount
        }
        return nil
    }

    /// Nil when no row is set, so that a result without missing values carries no mask.
    var nilIfEmpty: RowMask? { isEmpty ? nil : self }
}
