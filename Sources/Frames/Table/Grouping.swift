/// The rows of a table grouped by the values of an integer key column: pandas' `groupby(key)`.
///
/// Rows with a missing key belong to no group (pandas' `dropna=True`). Within a group, rows keep
/// their order in the table.
public struct Grouping: Sendable {
    /// The order of the groups.
    public enum KeyOrder: Sendable {
        /// Ascending key order, pandas' default `sort=True`.
        case ascending
        /// The order in which keys first occur, pandas' `sort=False`.
        case firstAppearance
    }

    /// Each group's key.
    public let keys: [Int]
    private let buckets: RowBuckets
    private let groupOfKey: [Int: Int]

    /// Groups the rows of `column` by value.
    ///
    /// - Complexity: O(*n*) (see ``RowGroups``).
    init(_ column: Column, values: [Int], order: KeyOrder) {
        let groups = RowGroups(keys: [column], rowCount: values.count, dropMissing: true, order: order)
        keys = groups.firstRows.map { values[$0] }
        buckets = groups.buckets
        groupOfKey = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
    }

    /// The number of groups.
    public var count: Int { keys.count }

    /// The group whose key is `key`, if any row has it.
    public func group(of key: Int) -> Int? { groupOfKey[key] }

    /// The table rows of group `group`, in table order.
    public func rows(inGroup group: Int) -> ArraySlice<Int> { buckets.rows(in: group) }

    /// The number of rows in each group: pandas' `size()`.
    public var sizes: [Int] { keys.indices.map(buckets.count(of:)) }

    /// Each group's strings joined in table order: pandas' `apply(lambda s: separator.join(s))`.
    ///
    /// - Parameters:
    ///   - values: one string per table row.
    ///   - skipping: rows to leave out (missing values).
    public func joined<Strings: RandomAccessCollection<String>>(_ values: Strings, separator: String, skipping: RowMask? = nil) -> [String] where Strings.Index == Int {
        keys.indices.map { group in
            rows(inGroup: group).lazy.filter { skipping?[$0] != true }.map { values[$0] }.joined(separator: separator)
        }
    }
}

extension DataFrame {
    /// Groups the rows by the integer (or timestamp) column `key`.
    ///
    /// - Throws: ``DataError`` when there is no such column or it holds doubles or strings.
    public func grouped(by key: String, order: Grouping.KeyOrder = .ascending) throws -> Grouping {
        let column = try column(key)
        switch column.values {
        case let .int(values), let .timestamp(values):
            return Grouping(column, values: values, order: order)
        case .double, .string, .bool:
            throw DataError.columnTypeMismatch(column: key, actual: column.type, expected: [.int, .timestamp])
        }
    }

    /// The count and mean of the numeric column `value` per value of `key`, in ascending key
    /// order: pandas' `groupby(key)[value].agg(["count", "mean"]).reset_index()`.
    ///
    /// - Returns: columns `key` (integers), `count` (present values) and `mean` (NaN without values).
    /// - Throws: ``DataError`` for a missing column or one of the wrong type.
    public func groupStatistics(of value: String, by key: String) throws -> DataFrame {
        let keyType = try column(key).type
        guard keyType == .int || keyType == .timestamp else {
            throw DataError.columnTypeMismatch(column: key, actual: keyType, expected: [.int, .timestamp])
        }
        return try aggregated(by: [key], [("count", Aggregate(.count, value)), ("mean", Aggregate(.mean, value))])
    }

    /// The strings of column `value` joined per value of `key`, in ascending key order and table
    /// order within a key: pandas' `groupby(key)[value].apply(" ".join).reset_index()`.
    /// Missing strings are left out.
    ///
    /// - Returns: columns `key` (integers) and `value` (strings).
    /// - Throws: ``DataError`` for a missing column or one of the wrong type.
    public func joinedStrings(of value: String, by key: String, separator: String = " ") throws -> DataFrame {
        let groups = try grouped(by: key)
        let column = try column(value)
        guard case let .string(strings) = column.values else {
            throw DataError.columnTypeMismatch(column: value, actual: column.type, expected: [.string])
        }
        return try DataFrame(names: [key, value], columns: [
            .ints(groups.keys),
            .strings(groups.joined(strings, separator: separator, skipping: column.missingRows)),
        ])
    }
}
