/// One key of a multi-column sort.
public struct SortKey: Hashable, Sendable, ExpressibleByStringLiteral {
    public var column: String
    public var ascending: Bool

    public init(_ column: String, ascending: Bool = true) {
        self.column = column
        self.ascending = ascending
    }

    public init(stringLiteral column: String) {
        self.init(column)
    }
}

extension DataFrame {
    /// The row order that sorts the table by `keys`, the first key most significant.
    ///
    /// The sort is stable: rows with equal keys keep their order in the table, as pandas'
    /// `sort_values([...], kind="stable")` keeps file order. Missing values come last, whichever
    /// the direction; strings sort by Unicode code point, like Python's.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    /// - Complexity: O(*n*) per key for numeric keys (a radix sort); O(*n* log *n*) for strings.
    public func sortedRowOrder(by keys: [SortKey]) throws -> [Int] {
        let codes = try keys.map { key in (codes: SortCodes(try column(key.column)), ascending: key.ascending) }
        return RadixSort.order(rowCount: rowCount, keys: codes)
    }

    /// The table sorted by `keys` (see ``sortedRowOrder(by:)``): `try ratings.sorted(by: ["userId", "timestamp"])`.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    public func sorted(by keys: [SortKey]) throws -> DataFrame {
        gatheringRows(try sortedRowOrder(by: keys))
    }
}

extension DataFrame {
    /// The first `count` rows of the table sorted by `keys` (see ``sortedRowOrder(by:)``), found
    /// without sorting the whole table when `count` is small: the top 20 movies of 25 million
    /// ratings cost one pass.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    /// - Complexity: O(*n* log `count`) by heap selection when the keys pack into one 64-bit code
    ///   and `count` is under a sixteenth of the rows; otherwise a full sort.
    public func topRowOrder(by keys: [SortKey], count: Int) throws -> [Int] {
        let count = min(max(count, 0), rowCount)
        let codes = try keys.map { key in (codes: SortCodes(try column(key.column)).compacted(), ascending: key.ascending) }
        guard count < rowCount / 16, let packed = RadixSort.packedCodes(rowCount: rowCount, keys: codes) else {
            return Array(RadixSort.order(rowCount: rowCount, keys: codes).prefix(count))
        }
        return TopSelection.smallest(count, of: packed)
    }

    /// The first `count` rows of the table sorted by `keys`: pandas'
    /// `sort_values(keys, kind="stable").head(count)`, without the full sort (see ``topRowOrder(by:count:)``).
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    public func top(_ count: Int, by keys: [SortKey]) throws -> DataFrame {
        gatheringRows(try topRowOrder(by: keys, count: count))
    }
}

/// Selects the rows of the smallest codes with a bounded max-heap.
private enum TopSelection {
    /// The positions of the `count` smallest codes in ascending order, ties in position order.
    static func smallest(_ count: Int, of codes: [UInt64]) -> [Int] {
        guard count > 0 else { return [] }
        // (code, row) pairs ordered lexicographically: a later row with an equal code ranks after,
        // which keeps the selection stable.
        var heap: [RadixSort.Entry] = []
        heap.reserveCapacity(count)
        func above(_ a: RadixSort.Entry, _ b: RadixSort.Entry) -> Bool {
            a.code != b.code ? a.code > b.code : a.row > b.row
        }
        for (row, code) in codes.enumerated() {
            if heap.count < count {
                heap.append(.init(code: code, row: row))
                siftUp(&heap, heap.count - 1, above)
            } else if code < heap[0].code {
                heap[0] = .init(code: code, row: row)
                siftDown(&heap, 0, above)
            }
        }
        return heap.sorted { above($1, $0) }.map(\.row)
    }

    private static func siftUp(_ heap: inout [RadixSort.Entry], _ start: Int, _ above: (RadixSort.Entry, RadixSort.Entry) -> Bool) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard above(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func siftDown(_ heap: inout [RadixSort.Entry], _ start: Int, _ above: (RadixSort.Entry, RadixSort.Entry) -> Bool) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var largest = parent
            if left < heap.count, above(heap[left], heap[largest]) { largest = left }
            if right < heap.count, above(heap[right], heap[largest]) { largest = right }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}
