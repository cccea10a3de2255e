/// Which rows a merge keeps.
public enum JoinKind: String, Hashable, Sendable, CaseIterable {
    /// Left rows with at least one matching right row: pandas' `how="inner"`.
    case inner
    /// Every left row; unmatched ones get missing values in the right's columns: pandas' `how="left"`.
    case left
}

extension DataFrame {
    /// Joins two tables on a key column, like `pd.merge(self, right, on: key, how: kind)`.
    ///
    /// Rows come in pandas' order: left rows in order and, for each, its matching right rows in
    /// their order. Columns are the left's, then the right's without the key; a non-key name
    /// present in both gets `_x` on the left and `_y` on the right. Missing keys match missing
    /// keys, as in pandas.
    ///
    /// - Parameters:
    ///   - right: the table to join.
    ///   - key: the name of the key column, present in both tables with the same type (integers,
    ///     timestamps or strings).
    ///   - kind: which left rows to keep.
    /// - Returns: the joined table.
    /// - Throws: ``DataError`` when a table lacks the key, or the key columns' types differ or are doubles.
    /// - Complexity: O(*n* + *m* + *r*) expected for *n* left rows, *m* right rows and *r* result rows (a hash join).
    public func merged(with right: DataFrame, on key: String, how kind: JoinKind = .inner) throws -> DataFrame {
        let leftKey = try column(key)
        let rightKey = try right.column(key)
        guard leftKey.type != .double else {
            throw DataError.columnTypeMismatch(column: key, actual: .double, expected: [.int, .timestamp, .string])
        }
        guard leftKey.type == rightKey.type else {
            throw DataError.columnTypeMismatch(column: key, actual: rightKey.type, expected: [leftKey.type])
        }

        let matching = KeyMatching(left: leftKey, right: rightKey)
        let buckets = RowBuckets(idOfRow: matching.rightIDs, bucketCount: matching.idCount)

        var resultCount = 0
        for id in matching.leftIDs {
            let matches = id < 0 ? 0 : buckets.count(of: id)
            resultCount += matches == 0 && kind == .left ? 1 : matches
        }
        var leftRows: [Int] = []
        var rightRows: [Int] = []
        leftRows.reserveCapacity(resultCount)
        rightRows.reserveCapacity(resultCount)
        for (leftRow, id) in matching.leftIDs.enumerated() {
            let matches = id < 0 ? buckets.rows.prefix(0) : buckets.rows(in: id)
            if matches.isEmpty {
                guard kind == .left else { continue }
                leftRows.append(leftRow)
                rightRows.append(-1)
            } else {
                for rightRow in matches {
                    leftRows.append(leftRow)
                    rightRows.append(rightRow)
                }
            }
        }

        let rightPositions = right.columnNames.indices.filter { right.columnNames[$0] != key }
        let rightNames = Set(rightPositions.map { right.columnNames[$0] })
        let leftNames = Set(columnNames.filter { $0 != key })
        var names: [String] = []
        var joined: [Column] = []
        for (name, column) in zip(columnNames, columns) {
            names.append(name != key && rightNames.contains(name) ? name + "_x" : name)
            joined.append(column.gathering(leftRows))
        }
        for position in rightPositions {
            let name = right.columnNames[position]
            names.append(leftNames.contains(name) ? name + "_y" : name)
            let column = right.columns[position]
            joined.append(kind == .left ? column.gathering(optionalRows: rightRows) : column.gathering(rightRows))
        }
        return try DataFrame(names: names, columns: joined)
    }
}

/// Ids for the key values of both sides of a join: equal keys get equal ids, and a left key
/// absent on the right gets -1. Missing keys share one id when the right has any.
private struct KeyMatching {
    var leftIDs: [Int] = []
    var rightIDs: [Int] = []
    var idCount = 0

    init(left: Column, right: Column) {
        switch (left.values, right.values) {
        case let (.int(leftValues), .int(rightValues)), let (.timestamp(leftValues), .timestamp(rightValues)):
            let index = IntKeyIndex(rightValues, missing: right.missingRows)
            rightIDs = index.idOfRow
            idCount = index.keys.count
            leftIDs = leftValues.map { index.id(of: $0) ?? -1 }
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
            return
        }
        assignMissingKeys(left: left.missingRows, right: right.missingRows)
    }

    /// Gives rows with a missing key on both sides one shared id, and makes sure a missing left
    /// key never matches the placeholder value stored under it.
    private mutating func assignMissingKeys(left: RowMask?, right: RowMask?) {
        let missingID = right.map { mask -> Int? in mask.isEmpty ? nil : idCount } ?? nil
        if let missingID, let right {
            for row in rightIDs.indices where right[row] { rightIDs[row] = missingID }
            idCount += 1
        }
        if let left {
            for row in leftIDs.indices where left[row] { leftIDs[row] = missingID ?? -1 }
        }
    }
}
