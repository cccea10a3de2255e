extension DataFrame {
    /// The number of rows equal, in every column, to an earlier row: pandas' `duplicated().sum()`.
    ///
    /// Missing values equal each other here, as they do in pandas.
    ///
    /// - Complexity: O(*n* × *c*) for numeric columns, plus O(*n* log *n*) per string column.
    public func duplicateRowCount() -> Int {
        guard rowCount > 1, !columns.isEmpty else { return 0 }
        let codes = columns.map(SortCodes.init)
        let order = RadixSort.order(rowCount: rowCount, keys: codes.map { ($0, true) })
        // Equal rows are adjacent in sorted order; each one after the first of its run is a duplicate.
        var duplicates = 0
        for position in 1..<order.count {
            let previous = order[position - 1], row = order[position]
            if codes.allSatisfy({ $0.equal(previous, row) }) { duplicates += 1 }
        }
        return duplicates
    }

    /// The number of missing values in each column, in column order: pandas' `isnull().sum()`.
    public func nullCounts() -> [(column: String, count: Int)] {
        zip(columnNames, columns).map { ($0, $1.missingCount) }
    }

    /// The number of distinct values in the column named `name`, not counting missing values:
    /// pandas' `nunique()`.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    public func uniqueCount(_ name: String) throws -> Int {
        let column = try column(name)
        switch column.values {
        case let .int(values), let .timestamp(values):
            return IntKeyIndex.distinctCount(values, missing: column.missingRows)
        case .double, .string, .bool:
            break
        }
        let codes = SortCodes(column)
        var seen = Set<UInt64>()
        for row in codes.codes.indices where !codes.isMissing(row) { seen.insert(codes.codes[row]) }
        return seen.count
    }
}
