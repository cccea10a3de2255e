/// Which rows a join keeps, as pandas' `merge(how=…)`.
public enum JoinKind: String, Hashable, Sendable, CaseIterable {
    /// Left rows with at least one match, in the left's order, each followed by its matches in
    /// the right's order.
    case inner
    /// Every left row, in order; unmatched ones get missing values in the right's columns.
    case left
    /// Every right row, in order, each with its left matches in the left's order.
    case right
    /// Every row of both, in ascending key order (missing keys last), as pandas sorts an outer join.
    case outer
}

extension DataFrame {
    /// The column types a join key may have: floating-point keys would match by exact bits.
    public static let joinKeyTypes: [ColumnType] = [.int, .string, .timestamp, .bool]

    /// Joins two tables on key columns, like `pd.merge(self, right, on=keys, how=kind)`.
    ///
    /// See ``joined(with:leftOn:rightOn:how:suffixes:)``.
    public func joined(
        with right: DataFrame, on keys: [String], how kind: JoinKind = .inner, suffixes: (String, String) = ("_x", "_y")
    ) throws -> DataFrame {
        try joined(with: right, leftOn: keys, rightOn: keys, how: kind, suffixes: suffixes)
    }

    /// Joins two tables on key columns, like
    /// `pd.merge(self, right, left_on=leftKeys, right_on=rightKeys, how=kind, suffixes=suffixes)`.
    ///
    /// Rows come in pandas' order for each ``JoinKind``. Columns are the left's, then the
    /// right's; a key with the same name on both sides appears once, at its place on the left,
    /// holding the right's value in rows only the right has. A non-key name present in both
    /// tables gets the suffixes. Missing keys match missing keys, as in pandas.
    ///
    /// - Parameters:
    ///   - right: the table to join.
    ///   - leftKeys: key columns of this table.
    ///   - rightKeys: the matching key columns of `right`, pairwise of the same type, one of
    ///     ``joinKeyTypes``.
    ///   - kind: which rows to keep.
    ///   - suffixes: appended to clashing names from the left and from the right.
    /// - Throws: ``DataError`` when a key column is absent, the key lists differ in length, a pair
    ///   of keys differs in type or a key holds doubles, or two result columns would share a name.
    /// - Complexity: O(*n* + *m* + *r*) for *n* left rows, *m* right rows and *r* result rows,
    ///   strings hashed once per row.
    public func joined(
        with right: DataFrame, leftOn leftKeys: [String], rightOn rightKeys: [String],
        how kind: JoinKind = .inner, suffixes: (String, String) = ("_x", "_y")
    ) throws -> DataFrame {
        guard !leftKeys.isEmpty, leftKeys.count == rightKeys.count else {
            throw DataError.invalidArgument("a join needs as many right keys as left keys, and at least one; got \(leftKeys.count) and \(rightKeys.count)")
        }
        var keyColumns: [Column] = []
        for (leftName, rightName) in zip(leftKeys, rightKeys) {
            let leftKey = try column(leftName), rightKey = try right.column(rightName)
            guard Self.joinKeyTypes.contains(leftKey.type) else {
                throw DataError.columnTypeMismatch(column: leftName, actual: leftKey.type, expected: Self.joinKeyTypes)
            }
            guard leftKey.type == rightKey.type, let both = leftKey.appending(rightKey) else {
                throw DataError.columnTypeMismatch(column: rightName, actual: rightKey.type, expected: [leftKey.type])
            }
            keyColumns.append(both)
        }
        // Both tables' rows grouped together: a group is a key value, numbered in key order.
        let groups = RowGroups(keys: keyColumns, rowCount: rowCount + right.rowCount, dropMissing: false, order: .ascending)
        let pairs = JoinPairs(
            leftIDs: groups.groupOfRow[0..<rowCount], rightIDs: groups.groupOfRow[rowCount...],
            idCount: groups.count, kind: kind
        )
        return try assemble(right, pairs, leftKeys: leftKeys, rightKeys: rightKeys, suffixes: suffixes)
    }

    private func assemble(
        _ right: DataFrame, _ pairs: JoinPairs, leftKeys: [String], rightKeys: [String], suffixes: (String, String)
    ) throws -> DataFrame {
        // Keys named alike on both sides are one column; the right's copy is dropped.
        let sharedKeys = Set(zip(leftKeys, rightKeys).filter { $0 == $1 }.map(\.0))
        let rightPositions = right.columnNames.indices.filter { !sharedKeys.contains(right.columnNames[$0]) }
        let rightNames = Set(rightPositions.map { right.columnNames[$0] })
        let leftNames = Set(columnNames.filter { !sharedKeys.contains($0) })
        let leftComplete = !pairs.leftRows.contains(-1)
        let rightComplete = !pairs.rightRows.contains(-1)

        var names: [String] = []
        var joined: [Column] = []
        for (name, column) in zip(columnNames, columns) {
            names.append(rightNames.contains(name) && !sharedKeys.contains(name) ? name + suffixes.0 : name)
            if sharedKeys.contains(name), !leftComplete, let index = right.columnIndex(name),
               let both = column.appending(right.columns[index]) {
                // Rows only the right has take their key from the right.
                let rows = zip(pairs.leftRows, pairs.rightRows).map { $0 >= 0 ? $0 : rowCount + $1 }
                joined.append(both.gathering(rows))
            } else {
                joined.append(leftComplete ? column.gatheringUnlessIdentity(pairs.leftRows) : column.gathering(optionalRows: pairs.leftRows))
            }
        }
        for position in rightPositions {
            let name = right.columnNames[position]
            names.append(leftNames.contains(name) ? name + suffixes.1 : name)
            let column = right.columns[position]
            joined.append(rightComplete ? column.gatheringUnlessIdentity(pairs.rightRows) : column.gathering(optionalRows: pairs.rightRows))
        }
        return try DataFrame(names: names, columns: joined)
    }
}

/// The (left row, right row) pairs of a join, -1 standing for the missing side of an unmatched row.
private struct JoinPairs {
    var leftRows: [Int] = []
    var rightRows: [Int] = []

    /// - Parameters:
    ///   - leftIDs, rightIDs: each row's key id, shared by both sides; ids ascend with the key.
    init(leftIDs: ArraySlice<Int>, rightIDs: ArraySlice<Int>, idCount: Int, kind: JoinKind) {
        let leftIDs = Array(leftIDs), rightIDs = Array(rightIDs)
        switch kind {
        case .inner, .left:
            let buckets = RowBuckets(idOfRow: rightIDs, bucketCount: idCount)
            reserve(leftIDs.reduce(0) { $0 + max(buckets.count(of: $1), kind == .left ? 1 : 0) })
            for (leftRow, id) in leftIDs.enumerated() {
                append(leftRow, buckets.rows(in: id), keepingUnmatched: kind == .left)
            }
        case .right:
            let buckets = RowBuckets(idOfRow: leftIDs, bucketCount: idCount)
            reserve(rightIDs.reduce(0) { $0 + max(buckets.count(of: $1), 1) })
            for (rightRow, id) in rightIDs.enumerated() {
                for leftRow in buckets.rows(in: id) { add(leftRow, rightRow) }
                if buckets.count(of: id) == 0 { add(-1, rightRow) }
            }
        case .outer:
            let lefts = RowBuckets(idOfRow: leftIDs, bucketCount: idCount)
            let rights = RowBuckets(idOfRow: rightIDs, bucketCount: idCount)
            for id in 0..<idCount {
                if lefts.count(of: id) == 0 {
                    for rightRow in rights.rows(in: id) { add(-1, rightRow) }
                }
                for leftRow in lefts.rows(in: id) {
                    append(leftRow, rights.rows(in: id), keepingUnmatched: true)
                }
            }
        }
    }

    private mutating func reserve(_ count: Int) {
        leftRows.reserveCapacity(count)
        rightRows.reserveCapacity(count)
    }

    private mutating func add(_ left: Int, _ right: Int) {
        leftRows.append(left)
        rightRows.append(right)
    }

    private mutating func append(_ leftRow: Int, _ matches: ArraySlice<Int>, keepingUnmatched: Bool) {
        if matches.isEmpty {
            if keepingUnmatched { add(leftRow, -1) }
        } else {
            for rightRow in matches { add(leftRow, rightRow) }
        }
    }
}

extension Column {
    /// This column's rows followed by `other`'s, or nil when their types differ.
    func appending(_ other: Column) -> Column? {
        var mask: RowMask?
        if missingRows != nil || other.missingRows != nil {
            var combined = RowMask(count: count + other.count)
            for row in 0..<count where missingRows?[row] == true { combined[row] = true }
            for row in 0..<other.count where other.missingRows?[row] == true { combined[count + row] = true }
            mask = combined
        }
        switch (values, other.values) {
        case let (.int(a), .int(b)): return Column(values: .int(a + b), missingRows: mask)
        case let (.timestamp(a), .timestamp(b)): return Column(values: .timestamp(a + b), missingRows: mask)
        case let (.double(a), .double(b)): return Column(values: .double(a + b), missingRows: nil)
        case let (.string(a), .string(b)): return Column(values: .string(a + b), missingRows: mask)
        case let (.bool(a), .bool(b)): return Column(values: .bool(a + b), missingRows: mask)
        default: return nil
        }
    }

    /// The rows at `rows`; the column itself, sharing its storage, when `rows` is every row in order.
    func gatheringUnlessIdentity(_ rows: [Int]) -> Column {
        if rows.count == count, rows.enumerated().allSatisfy({ $0.offset == $0.element }) { return self }
        return gathering(rows)
    }
}
