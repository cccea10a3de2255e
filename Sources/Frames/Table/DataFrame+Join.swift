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
        for (leftName, rightName) in zip(leftKeys, rightKeys) {
            let leftKey = try column(leftName), rightKey = try right.column(rightName)
            guard Self.joinKeyTypes.contains(leftKey.type) else {
                throw DataError.columnTypeMismatch(column: leftName, actual: leftKey.type, expected: Self.joinKeyTypes)
            }
            guard leftKey.type == rightKey.type else {
                throw DataError.columnTypeMismatch(column: rightName, actual: rightKey.type, expected: [leftKey.type])
            }
        }
        if leftKeys.count == 1, let unique = UniqueKeyJoin(left: try column(leftKeys[0]), right: try right.column(rightKeys[0]), kind: kind) {
            return try assemble(
                right, leftKeys: leftKeys, rightKeys: rightKeys, suffixes: suffixes,
                leftColumn: { column, _ in unique.leftColumn(column) }, rightColumn: unique.rightColumn
            )
        }
        let pairs: JoinPairs
        if kind != .outer, leftKeys.count == 1,
           let matching = KeyMatching(left: try column(leftKeys[0]), right: try right.column(rightKeys[0])) {
            pairs = JoinPairs(leftIDs: matching.leftIDs, rightIDs: matching.rightIDs, idCount: matching.idCount, kind: kind)
        } else {
            // Both tables' rows grouped together: a group is a key value, numbered in key order,
            // the order an outer join needs.
            let keyColumns = try zip(leftKeys, rightKeys).compactMap { try column($0).appending(try right.column($1)) }
            let groups = RowGroups(keys: keyColumns, rowCount: rowCount + right.rowCount, dropMissing: false, order: .ascending)
            pairs = JoinPairs(
                leftIDs: Array(groups.groupOfRow[0..<rowCount]), rightIDs: Array(groups.groupOfRow[rowCount...]),
                idCount: groups.count, kind: kind
            )
        }
        let leftComplete = !pairs.leftRows.contains(-1)
        let rightComplete = !pairs.rightRows.contains(-1)
        return try assemble(
            right, leftKeys: leftKeys, rightKeys: rightKeys, suffixes: suffixes,
            leftColumn: { column, rightKey in
                if let rightKey, !leftComplete, let both = column.appending(rightKey) {
                    // Rows only the right has take their key from the right.
                    return both.gathering(zip(pairs.leftRows, pairs.rightRows).map { $0 >= 0 ? $0 : column.count + $1 })
                }
                return leftComplete ? column.gatheringUnlessIdentity(pairs.leftRows) : column.gathering(optionalRows: pairs.leftRows)
            },
            rightColumn: { column in
                rightComplete ? column.gatheringUnlessIdentity(pairs.rightRows) : column.gathering(optionalRows: pairs.rightRows)
            }
        )
    }

    /// The joined table's columns, named: the left's (through `leftColumn`, which is also given
    /// the right's copy of a key both sides name alike), then the right's but for such keys
    /// (through `rightColumn`), clashing names suffixed.
    private func assemble(
        _ right: DataFrame, leftKeys: [String], rightKeys: [String], suffixes: (String, String),
        leftColumn: @escaping @Sendable (_ column: Column, _ rightKey: Column?) -> Column,
        rightColumn: @escaping @Sendable (Column) -> Column
    ) throws -> DataFrame {
        // Keys named alike on both sides are one column; the right's copy is dropped.
        let sharedKeys = Set(zip(leftKeys, rightKeys).filter { $0 == $1 }.map(\.0))
        let rightPositions = right.columnNames.indices.filter { !sharedKeys.contains(right.columnNames[$0]) }
        let rightNames = Set(rightPositions.map { right.columnNames[$0] })
        let leftNames = Set(columnNames.filter { !sharedKeys.contains($0) })

        var names: [String] = []
        var makers: [@Sendable () -> Column] = []
        for (name, column) in zip(columnNames, columns) {
            names.append(rightNames.contains(name) && !sharedKeys.contains(name) ? name + suffixes.0 : name)
            let rightKey = sharedKeys.contains(name) ? right.columnIndex(name).map { right.columns[$0] } : nil
            makers.append { leftColumn(column, rightKey) }
        }
        for position in rightPositions {
            let name = right.columnNames[position]
            names.append(leftNames.contains(name) ? name + suffixes.1 : name)
            let column = right.columns[position]
            makers.append { rightColumn(column) }
        }
        let rows = max(rowCount, right.rowCount)
        return try DataFrame(names: names, columns: ColumnParallelism.map(makers, rows: rows) { $0() })
    }
}

/// The (left row, right row) pairs of a join, -1 standing for the missing side of an unmatched row.
private struct JoinPairs {
    var leftRows: [Int] = []
    var rightRows: [Int] = []

    /// - Parameters:
    ///   - leftIDs, rightIDs: each row's key id, shared by both sides; ids ascend with the key.
    init(leftIDs: [Int], rightIDs: [Int], idCount: Int, kind: JoinKind) {
        switch kind {
        case .inner, .left:
            let buckets = RowBuckets(idOfRow: rightIDs, bucketCount: idCount)
            appendMatches(of: leftIDs, in: buckets, keepingUnmatched: kind == .left, leftSide: true)
        case .right:
            let buckets = RowBuckets(idOfRow: leftIDs, bucketCount: idCount)
            appendMatches(of: rightIDs, in: buckets, keepingUnmatched: true, leftSide: false)
        case .outer:
            let lefts = RowBuckets(idOfRow: leftIDs, bucketCount: idCount)
            let rights = RowBuckets(idOfRow: rightIDs, bucketCount: idCount)
            for id in 0..<idCount {
                if lefts.count(of: id) == 0 {
                    for rightRow in rights.rows(in: id) { add(-1, rightRow) }
                }
                for leftRow in lefts.rows(in: id) {
                    if rights.count(of: id) == 0 { add(leftRow, -1) }
                    for rightRow in rights.rows(in: id) { add(leftRow, rightRow) }
                }
            }
        }
    }

    /// For each row of one side, in order, its matches on the other side (bucketed by id), in
    /// their order; with `keepingUnmatched`, a row without matches pairs with -1.
    private mutating func appendMatches(of ids: [Int], in buckets: RowBuckets, keepingUnmatched: Bool, leftSide: Bool) {
        var total = 0
        for id in ids {
            let matches = id < 0 ? 0 : buckets.count(of: id)
            total += matches == 0 && keepingUnmatched ? 1 : matches
        }
        var outer = [Int](repeating: -1, count: total), inner = [Int](repeating: -1, count: total)
        buckets.offsets.withUnsafeBufferPointer { offsets in
            buckets.rows.withUnsafeBufferPointer { bucketRows in
                var next = 0
                for (row, id) in ids.enumerated() {
                    let range = id < 0 ? 0..<0 : offsets[id]..<offsets[id + 1]
                    if range.isEmpty {
                        guard keepingUnmatched else { continue }
                        outer[next] = row
                        next += 1
                    }
                    for position in range {
                        outer[next] = row
                        inner[next] = bucketRows[position]
                        next += 1
                    }
                }
            }
        }
        (leftRows, rightRows) = leftSide ? (outer, inner) : (inner, outer)
    }

    private mutating func add(_ left: Int, _ right: Int) {
        leftRows.append(left)
        rightRows.append(right)
    }
}

/// Ids for the key values of both sides of a join on one column, from an index of the right
/// side's keys: equal keys get equal ids; a left key absent on the right gets -1; missing keys
/// share one id when the right has any. Unordered, so not for outer joins.
private struct KeyMatching {
    var leftIDs: [Int] = []
    var rightIDs: [Int] = []
    var idCount = 0

    /// Nil for key types without a fast index (none so far; doubles are refused earlier).
    init?(left: Column, right: Column) {
        switch (left.values, right.values) {
        case let (.int(leftValues), .int(rightValues)), let (.timestamp(leftValues), .timestamp(rightValues)):
            let index = IntKeyIndex(rightValues, missing: right.missingRows, lookups: leftValues.count)
            rightIDs = index.idOfRow
            idCount = index.keys.count
            leftIDs = leftValues.map { index.id(of: $0) ?? -1 }
        case let (.bool(leftValues), .bool(rightValues)):
            rightIDs = rightValues.map { $0 ? 1 : 0 }
            leftIDs = leftValues.map { $0 ? 1 : 0 }
            idCount = 2
        case let (.string(leftValues), .string(rightValues)):
            var ids: [ExactString: Int] = [:]
            rightIDs = rightValues.enumerated().map { row, value in
                if right.missingRows?[row] == true { return -1 }
                let key = ExactString(value: value)
                if let id = ids[key] { return id }
                ids[key] = ids.count
                return ids.count - 1
            }
            idCount = ids.count
            leftIDs = leftValues.map { ids[ExactString(value: $0)] ?? -1 }
        default:
            return nil
        }
        assignMissingKeys(left: left.missingRows, right: right.missingRows)
    }

    /// Gives rows with a missing key on both sides one shared id, and makes sure a missing key
    /// never matches the placeholder value stored under it.
    private mutating func assignMissingKeys(left: RowMask?, right: RowMask?) {
        let missingID: Int? = right.map { $0.isEmpty ? nil : idCount } ?? nil
        if let right {
            for row in rightIDs.indices where right[row] { rightIDs[row] = missingID ?? -1 }
        }
        if missingID != nil { idCount += 1 }
        if let left {
            for row in leftIDs.indices where left[row] { leftIDs[row] = missingID ?? -1 }
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
        case let (.string(a), .string(b)): return Column(values: .string(a.array + b.array), missingRows: mask)
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
