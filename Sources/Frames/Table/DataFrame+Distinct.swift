extension DataFrame {
    /// The rows whose values over `names` (every column when nil) differ from every earlier
    /// row's: pandas' `drop_duplicates(subset=names, keep="first")`. Rows keep their order;
    /// missing values equal each other.
    ///
    /// - Throws: ``DataError/noSuchColumn(name:available:)``.
    /// - Complexity: O(*n*) per integer column; strings hashed once per row.
    public func distinctRows(over names: [String]? = nil) throws -> DataFrame {
        let keys = try (names ?? columnNames).map { try column($0) }
        guard !keys.isEmpty else { return self }
        let groups = RowGroups(keys: keys, rowCount: rowCount, dropMissing: false, order: .firstAppearance)
        return gatheringRows(groups.firstRows)
    }

    /// How often each distinct value (or combination of values) of `names` occurs: pandas'
    /// `df.value_counts(names, normalize=…, sort=…, dropna=…).reset_index()`.
    ///
    /// - Parameters:
    ///   - names: the columns whose values are counted, together.
    ///   - normalize: give each value's share of the counted rows (a double column `share`)
    ///     instead of its count (an integer column `count`).
    ///   - sort: most frequent first, ties in ascending value order (missing last); otherwise in
    ///     order of first appearance.
    ///   - dropMissing: leave out rows with a missing value in any of `names`.
    /// - Returns: the value columns, then `count` or `share`.
    /// - Throws: ``DataError/noSuchColumn(name:available:)``, or ``DataError/duplicateColumnName(_:)``
    ///   when a counted column is itself named `count` or `share`.
    public func valueCounts(of names: [String], normalize: Bool = false, sort: Bool = true, dropMissing: Bool = true) throws -> DataFrame {
        let keys = try names.map { try column($0) }
        let (firstRows, sizes) = keys.count == 1 && sort
            ? Self.fewValueCounts(keys[0], dropMissing: dropMissing) ?? Self.groupCounts(keys, rowCount, dropMissing, sort)
            : Self.groupCounts(keys, rowCount, dropMissing, sort)
        var order = Array(0..<sizes.count)
        if sort {
            // Stable: equal counts stay in ascending value order.
            order = RadixSort.order(rowCount: sizes.count, keys: [(SortCodes(.ints(sizes)), ascending: false)])
        }
        let rows = order.map { firstRows[$0] }
        var columns = keys.map { $0.gathering(rows) }
        let counts = order.map { sizes[$0] }
        if normalize {
            let total = Double(counts.reduce(0, +))
            columns.append(.doubles(counts.map { Double($0) / total }))
        } else {
            columns.append(.ints(counts))
        }
        return try DataFrame(names: names + [normalize ? "share" : "count"], columns: columns)
    }

    /// Each group's first row and size, groups in ascending key order or order of first appearance.
    private static func groupCounts(_ keys: [Column], _ rowCount: Int, _ dropMissing: Bool, _ sort: Bool) -> (firstRows: [Int], sizes: [Int]) {
        let groups = RowGroups(keys: keys, rowCount: rowCount, dropMissing: dropMissing, order: sort ? .ascending : .firstAppearance)
        return (groups.firstRows, groups.sizes)
    }

    /// The counts of a column of few distinct values (see ``SmallCodeTable``), in ascending value order
    /// (missing last), counted in one pass through a small hash table: no per-row group ids are
    /// made. Nil for a column of more distinct values.
    private static func fewValueCounts(_ column: Column, dropMissing: Bool) -> (firstRows: [Int], sizes: [Int])? {
        let codes = SortCodes(column)
        var table = SmallCodeTable()
        var firstRows: [Int] = [], sizes: [Int] = []
        var missingFirst = -1, missingCount = 0
        for (row, code) in codes.codes.enumerated() {
            if codes.isMissing(row) {
                if missingFirst < 0 { missingFirst = row }
                missingCount += 1
                continue
            }
            guard let id = table.id(of: code) else { return nil }
            if id == sizes.count {
                firstRows.append(row)
                sizes.append(0)
            }
            sizes[id] += 1
        }
        let distinct = table.codes
        let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
        var result = (firstRows: order.map { firstRows[$0] }, sizes: order.map { sizes[$0] })
        if !dropMissing, missingCount > 0 {
            result.firstRows.append(missingFirst)
            result.sizes.append(missingCount)
        }
        return result
    }
}
