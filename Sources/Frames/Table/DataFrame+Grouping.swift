/// A summary of a group's values, as pandas' group-by aggregations compute them.
public enum AggregateFunction: String, CaseIterable, Sendable {
    /// `count()`: rows; `count(col)`: present values.
    case count
    case sum, mean, median, min, max
    /// The sample standard deviation (ddof = 1), as pandas'.
    case std
    /// The sample variance (ddof = 1).
    case `var`
    /// Distinct present values: pandas' `nunique()`.
    case countDistinct = "count_distinct"
    /// `quantile(col, q)`, interpolated linearly as pandas' default.
    case quantile
    /// The first or last present value, in table order: pandas' `first()` and `last()`.
    case first, last

    /// The column types the function summarises.
    public var acceptedTypes: [ColumnType] {
        switch self {
        case .sum, .mean, .median, .std, .var, .quantile: return [.int, .double]
        case .count, .countDistinct, .min, .max, .first, .last: return ColumnType.allCases
        }
    }

    /// The type of the summary of a column of `input` (nil for `count()` of rows).
    public func resultType(for input: ColumnType?) -> ColumnType {
        switch self {
        case .count, .countDistinct: return .int
        case .sum: return input == .int ? .int : .double
        case .mean, .median, .std, .var, .quantile: return .double
        case .min, .max, .first, .last: return input ?? .int
        }
    }
}

/// One aggregation of a group-by: a function of a column (or of the rows, for `count()`).
public struct Aggregate: Hashable, Sendable {
    public var function: AggregateFunction
    /// The column summarised; nil only for `count()`, the number of rows.
    public var column: String?
    /// The quantile for ``AggregateFunction/quantile``, in [0, 1].
    public var q: Double

    public init(_ function: AggregateFunction, _ column: String? = nil, q: Double = 0.5) {
        self.function = function
        self.column = column
        self.q = q
    }
}

extension DataFrame {
    /// Groups the rows by `keys` and summarises each group: pandas'
    /// `df.groupby(keys, sort=…, dropna=…).agg(name=(column, function), …).reset_index()`.
    ///
    /// - Parameters:
    ///   - keys: the key columns, of any types.
    ///   - aggregates: output column names and what each holds.
    ///   - dropMissingKeys: whether rows with a missing key form no group (pandas' `dropna=True`).
    ///   - order: groups in ascending key order (missing last) or in order of first appearance.
    /// - Returns: the key columns, then one column per aggregate. Missing values are skipped by
    ///   every function but `count()`; a group without values gets a missing value (0 for `sum`
    ///   and `count`, as pandas gives).
    /// - Throws: ``DataError`` for an unknown column, a column of a type the function does not
    ///   take, or an integer sum past 64 bits.
    /// - Complexity: O(*n*) per key and per aggregate, plus O(*n* log *n*) in the worst case for
    ///   medians and quantiles of very unequal groups (selection is linear on average).
    public func aggregated(
        by keys: [String], _ aggregates: [(name: String, aggregate: Aggregate)],
        dropMissingKeys: Bool = true, order: Grouping.KeyOrder = .ascending
    ) throws -> DataFrame {
        let keyColumns = try keys.map { try column($0) }
        let groups = RowGroups(keys: keyColumns, rowCount: rowCount, dropMissing: dropMissingKeys, order: order)
        var names = keys
        var result = keyColumns.map { $0.gathering(groups.firstRows) }
        for (name, aggregate) in aggregates {
            names.append(name)
            result.append(try summarise(aggregate, over: groups))
        }
        return try DataFrame(names: names, columns: result)
    }

    private func summarise(_ aggregate: Aggregate, over groups: RowGroups) throws -> Column {
        guard let name = aggregate.column else { return .ints(groups.sizes) }
        let column = try column(name)
        guard aggregate.function.acceptedTypes.contains(column.type) else {
            throw DataError.columnTypeMismatch(column: name, actual: column.type, expected: aggregate.function.acceptedTypes)
        }
        let summary = GroupSummary(groups: groups, column: column)
        switch aggregate.function {
        case .count: return .ints(summary.presentCounts())
        case .sum: return try summary.sums(name)
        case .mean: return .doubles(summary.means())
        case .std: return .doubles(summary.variances().map { $0.squareRoot() })
        case .var: return .doubles(summary.variances())
        case .median: return .doubles(summary.quantiles(0.5))
        case .quantile: return .doubles(summary.quantiles(aggregate.q))
        case .countDistinct: return .ints(summary.distinctCounts())
        case .min: return column.gathering(optionalRows: summary.extremeRows(largest: false))
        case .max: return column.gathering(optionalRows: summary.extremeRows(largest: true))
        case .first: return column.gathering(optionalRows: summary.endRows(last: false))
        case .last: return column.gathering(optionalRows: summary.endRows(last: true))
        }
    }
}

/// The per-group summaries of one column.
private struct GroupSummary {
    let groups: RowGroups
    let column: Column

    private var groupOfRow: [Int] { groups.groupOfRow }

    /// The column as doubles, NaN where missing; only for numeric columns.
    private var doubles: [Double] {
        switch column.values {
        case let .double(values): return values
        case let .int(values):
            guard let missing = column.missingRows else { return values.map(Double.init) }
            return values.indices.map { missing[$0] ? .nan : Double(values[$0]) }
        default: return []
        }
    }

    func presentCounts() -> [Int] {
        var counts = [Int](repeating: 0, count: groups.count)
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !column.isMissing(row) { counts[group] += 1 }
        return counts
    }

    /// Integer sums stay integers (checked for overflow); double sums skip NaN. Both give 0 for a
    /// group without values, as pandas' `sum()` does.
    func sums(_ name: String) throws -> Column {
        if case let .int(values) = column.values {
            var sums = [Int](repeating: 0, count: groups.count)
            for (row, group) in groupOfRow.enumerated() where group >= 0 && column.missingRows?[row] != true {
                let (sum, overflow) = sums[group].addingReportingOverflow(values[row])
                if overflow { throw DataError.integerOverflow(column: name, operation: "sum") }
                sums[group] = sum
            }
            return .ints(sums)
        }
        return .doubles(sumsAndCounts().sums)
    }

    private func sumsAndCounts() -> (sums: [Double], counts: [Int]) {
        var sums = [Double](repeating: 0, count: groups.count)
        var counts = [Int](repeating: 0, count: groups.count)
        let values = doubles
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !values[row].isNaN {
            sums[group] += values[row]
            counts[group] += 1
        }
        return (sums, counts)
    }

    func means() -> [Double] {
        let (sums, counts) = sumsAndCounts()
        return zip(sums, counts).map { $1 == 0 ? .nan : $0 / Double($1) }
    }

    /// Sample variances (ddof = 1) from the deviations from each group's mean, which keeps the
    /// precision that a sum of squares loses; NaN for a group of fewer than two values.
    func variances() -> [Double] {
        let (sums, counts) = sumsAndCounts()
        let means = zip(sums, counts).map { $1 == 0 ? 0 : $0 / Double($1) }
        var squares = [Double](repeating: 0, count: groups.count)
        let values = doubles
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !values[row].isNaN {
            let deviation = values[row] - means[group]
            squares[group] += deviation * deviation
        }
        return zip(squares, counts).map { $1 < 2 ? .nan : $0 / Double($1 - 1) }
    }

    /// Each group's `q`-quantile, its present values gathered contiguously and selected in place.
    func quantiles(_ q: Double) -> [Double] {
        let values = doubles
        var present = [Int](repeating: -1, count: groupOfRow.count)
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !values[row].isNaN { present[row] = group }
        let buckets = RowBuckets(idOfRow: present, bucketCount: groups.count)
        var gathered = buckets.rows.map { values[$0] }
        return gathered.withUnsafeMutableBufferPointer { buffer in
            (0..<groups.count).map { group in
                let range = buckets.offsets[group]..<buckets.offsets[group + 1]
                return OrderStatistics.quantile(UnsafeMutableBufferPointer(rebasing: buffer[range]), q)
            }
        }
    }

    /// The number of distinct present values in each group.
    func distinctCounts() -> [Int] {
        let codes = SortCodes(column)
        let (valueRanks, distinct) = DenseRanks.of(codes.codes, skipping: codes.missing)
        var pairCodes = [UInt64](repeating: 0, count: groupOfRow.count)
        var skipped = RowMask(count: groupOfRow.count)
        for (row, group) in groupOfRow.enumerated() {
            if group < 0 || valueRanks[row] < 0 { skipped[row] = true; continue }
            pairCodes[row] = UInt64(group) &* UInt64(distinct) &+ UInt64(valueRanks[row])
        }
        let (pairRanks, pairCount) = DenseRanks.of(pairCodes, skipping: skipped)
        var seen = [Bool](repeating: false, count: pairCount)
        var counts = [Int](repeating: 0, count: groups.count)
        for (row, pair) in pairRanks.enumerated() where pair >= 0 && !seen[pair] {
            seen[pair] = true
            counts[groupOfRow[row]] += 1
        }
        return counts
    }

    /// Each group's row holding its smallest (or largest) present value, the first such row on
    /// ties; -1 for a group without values.
    func extremeRows(largest: Bool) -> [Int] {
        let codes = SortCodes(column)
        var best = [Int](repeating: -1, count: groups.count)
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !codes.isMissing(row) {
            let current = best[group]
            if current < 0 || (largest ? codes.codes[row] > codes.codes[current] : codes.codes[row] < codes.codes[current]) {
                best[group] = row
            }
        }
        return best
    }

    /// Each group's first (or last) row with a present value; -1 for a group without values.
    func endRows(last: Bool) -> [Int] {
        var rows = [Int](repeating: -1, count: groups.count)
        for (row, group) in groupOfRow.enumerated() where group >= 0 && !column.isMissing(row) {
            if last || rows[group] < 0 { rows[group] = row }
        }
        return rows
    }
}
