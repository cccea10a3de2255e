/// The rows of an inner or left join on one integer key whose left values are all distinct, as
/// when movies (one row per movie) are joined to their ratings.
///
/// The result is each left row in order, repeated once per match, followed within it by its
/// matching right rows in their order: pandas' order. Because a left row's matches are
/// consecutive in the result and every right row lands in one place at most, each right row's
/// place in the result is known from one counting pass, and the right's columns are *scattered*
/// there, read in order, instead of gathered through a list of rows. A gather of a large table
/// in the order of a small table's keys reads every value from a different place in memory;
/// the scatter writes the matches of each left row one after the other, so the writes of one
/// cache line arrive together. The left's columns are each value repeated, written in order.
struct UniqueKeyJoin {
    /// How many result rows each left row makes: its matches, or one for an unmatched row of a
    /// left join, or none.
    let counts: [Int]
    /// Each right row's row in the result, or -1 for a right row without a match.
    let destination: [Int32]
    /// The rows of the result.
    let rowCount: Int
    /// Whether some result rows have no right row (unmatched rows of a left join).
    let hasUnmatched: Bool

    /// Nil unless the keys are integers (or timestamps) with no missing value, the left's
    /// distinct, the join inner or left, and the result small enough to count in `Int32`.
    init?(left: Column, right: Column, kind: JoinKind) {
        guard kind == .inner || kind == .left, left.missingRows == nil, right.missingRows == nil else { return nil }
        let leftValues: [Int], rightValues: [Int]
        switch (left.values, right.values) {
        case let (.int(l), .int(r)), let (.timestamp(l), .timestamp(r)): (leftValues, rightValues) = (l, r)
        default: return nil
        }
        guard right.count < Int(Int32.max) else { return nil }
        let index = IntKeyIndex(leftValues, missing: nil, lookups: rightValues.count)
        guard index.keys.count == leftValues.count else { return nil }
        // The ids of a key index of distinct values are the left rows themselves.
        var destination = index.ids(of: rightValues)
        var counts = [Int](repeating: 0, count: leftValues.count)
        for leftRow in destination where leftRow >= 0 { counts[Int(leftRow)] += 1 }
        var hasUnmatched = false
        if kind == .left {
            for row in counts.indices where counts[row] == 0 {
                counts[row] = 1
                hasUnmatched = true
            }
        }
        var next = [Int](repeating: 0, count: counts.count)
        var total = 0
        for row in counts.indices {
            next[row] = total
            total += counts[row]
        }
        guard total < Int(Int32.max) else { return nil }
        destination.withUnsafeMutableBufferPointer { places in
            for rightRow in places.indices where places[rightRow] >= 0 {
                let leftRow = Int(places[rightRow])
                places[rightRow] = Int32(truncatingIfNeeded: next[leftRow])
                next[leftRow] += 1
            }
        }
        self.counts = counts
        self.destination = destination
        self.rowCount = total
        self.hasUnmatched = hasUnmatched
    }

    /// A left column in the result: each row's value repeated ``counts`` times.
    func leftColumn(_ column: Column) -> Column {
        var mask: RowMask?
        if let missing = column.missingRows {
            var repeated = RowMask(count: rowCount)
            var next = 0
            for (row, count) in counts.enumerated() {
                if missing[row] { for position in next..<(next + count) { repeated[position] = true } }
                next += count
            }
            mask = repeated
        }
        switch column.values {
        case let .int(values): return .make(.int(repeating(values)), missing: mask)
        case let .double(values): return .make(.double(repeating(values)), missing: nil)
        case let .timestamp(values): return .make(.timestamp(repeating(values)), missing: mask)
        case let .bool(values): return .make(.bool(repeating(values)), missing: mask)
        case let .string(values): return .make(.string(repeating(values)), missing: mask)
        }
    }

    /// A right column in the result: each row's value at its ``destination``; a missing value
    /// where a left row has no match.
    func rightColumn(_ column: Column) -> Column {
        var mask: RowMask?
        if column.missingRows != nil || hasUnmatched {
            var scattered = RowMask(count: rowCount)
            if hasUnmatched { scattered = unmatchedRows() }
            if let missing = column.missingRows {
                for (row, place) in destination.enumerated() where place >= 0 && missing[row] { scattered[Int(place)] = true }
            }
            mask = scattered
        }
        switch column.values {
        case let .int(values): return .make(.int(scattering(values, placeholder: 0)), missing: mask)
        case let .double(values): return .make(.double(scattering(values, placeholder: .nan)), missing: nil)
        case let .timestamp(values): return .make(.timestamp(scattering(values, placeholder: 0)), missing: mask)
        case let .bool(values): return .make(.bool(scattering(values, placeholder: false)), missing: mask)
        case let .string(values): return .make(.string(scattering(values)), missing: mask)
        }
    }

    /// The result rows that no right row fills.
    private func unmatchedRows() -> RowMask {
        var filled = RowMask(count: rowCount)
        for place in destination where place >= 0 { filled[Int(place)] = true }
        var unmatched = RowMask(count: rowCount)
        for row in 0..<rowCount where !filled[row] { unmatched[row] = true }
        return unmatched
    }

    private func repeating<T>(_ values: [T]) -> [T] {
        [T](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            for (row, count) in counts.enumerated() where count > 0 {
                UnsafeMutableBufferPointer(rebasing: buffer[initialized..<(initialized + count)]).initialize(repeating: values[row])
                initialized += count
            }
        }
    }

    /// Left strings repeated: as codes into the left's strings when the result repeats them
    /// much (see ``StringValues/gathering(_:placeholder:)``), else one string per row.
    private func repeating(_ values: StringValues) -> StringValues {
        switch values.storage {
        case let .dictionary(codes, dictionary):
            return StringValues(codes: repeating(codes), dictionary: dictionary)
        case let .plain(strings):
            guard rowCount > 4 * strings.count, rowCount > 1 << 16, strings.count < Int(UInt32.max) else {
                return StringValues(repeating(strings))
            }
            return StringValues(codes: repeating(Array(0..<UInt32(truncatingIfNeeded: strings.count))), dictionary: strings)
        }
    }

    /// `values` placed at their rows' destinations; `placeholder` in the rows no right row fills.
    /// For trivial types (integers, doubles, booleans, codes): an inner join's destinations
    /// cover every row once, so no row needs initialising first.
    private func scattering<T: BitwiseCopyable>(_ values: [T], placeholder: T) -> [T] {
        [T](unsafeUninitializedCapacity: rowCount) { output, initialized in
            if hasUnmatched { output.initialize(repeating: placeholder) }
            values.withUnsafeBufferPointer { input in
                destination.withUnsafeBufferPointer { places in
                    for row in places.indices where places[row] >= 0 { output[Int(places[row])] = input[row] }
                }
            }
            initialized = rowCount
        }
    }

    /// Right strings placed at their rows' destinations, an empty string where no right row is.
    private func scattering(_ values: StringValues) -> StringValues {
        switch values.storage {
        case let .dictionary(codes, dictionary):
            let empty = UInt32(truncatingIfNeeded: dictionary.count)
            return StringValues(codes: scattering(codes, placeholder: empty), dictionary: hasUnmatched ? dictionary + [""] : dictionary)
        case let .plain(strings):
            let rows = scattering(Array(strings.indices), placeholder: -1)
            return StringValues(rows.map { $0 < 0 ? "" : strings[$0] })
        }
    }
}

extension IntKeyIndex {
    /// The id of each of `keys`, -1 for a key that does not occur.
    ///
    /// - Precondition: fewer than `Int32.max` ids.
    func ids(of keys: [Int]) -> [Int32] {
        switch lookup {
        case let .dense(base, ids):
            return ids.withUnsafeBufferPointer { table in
                keys.map { key in
                    let (slot, overflow) = key.subtractingReportingOverflow(base)
                    guard !overflow, slot >= 0, slot < table.count else { return -1 }
                    return table[slot]
                }
            }
        case let .hashed(ids):
            return keys.map { ids[$0].map { Int32(truncatingIfNeeded: $0) } ?? -1 }
        }
    }
}
