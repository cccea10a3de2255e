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
