/// Order-preserving 64-bit codes for a column's values, the common currency of sorting, duplicate
/// detection and distinct counting.
///
/// Two present values get equal codes exactly when they are equal (for doubles, `-0.0` equals
/// `0.0`; strings are equal when their UTF-8 bytes are), and a smaller value a smaller code.
/// Strings compare by UTF-8 bytes, which is Unicode code point order, as in Python.
struct SortCodes {
    var codes: [UInt64]
    /// Rows without a value; their codes are meaningless.
    var missing: RowMask?

    init(_ column: Column) {
        switch column.values {
        case let .int(values), let .timestamp(values):
            codes = values.map { UInt64(bitPattern: Int64($0)) ^ (1 << 63) }
            missing = column.missingRows
        case let .double(values):
            var mask = RowMask(count: values.count)
            codes = values.enumerated().map { row, value in
                if value.isNaN { mask[row] = true; return 0 }
                return Self.orderedBits(value)
            }
            missing = mask.isEmpty ? nil : mask
        case let .string(values):
            codes = values.ranks().map(UInt64.init)
            missing = column.missingRows
        case let .bool(values):
            codes = values.map { $0 ? 1 : 0 }
            missing = column.missingRows
        }
    }

    /// Maps a non-NaN double to an unsigned integer of the same order.
    private static func orderedBits(_ value: Double) -> UInt64 {
        let bits = (value == 0 ? 0.0 : value).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The same order in fewer bits: codes spread over more than 32 bits but taking few distinct
    /// values (ratings as doubles) replaced by their ranks, so that they pack with other keys
    /// into one code and sort in fewer radix passes. Other codes are returned as they are.
    func compacted() -> SortCodes {
        var low = UInt64.max, high = UInt64.min
        for row in codes.indices where !isMissing(row) {
            low = min(low, codes[row])
            high = max(high, codes[row])
        }
        guard low <= high, high - low > UInt64(UInt32.max),
              let (ranks, _) = DenseRanks.hashedRanks(codes, skipping: missing) else { return self }
        var compact = self
        compact.codes = ranks.map { UInt64(max($0, 0)) }
        return compact
    }

    func isMissing(_ row: Int) -> Bool { missing?[row] ?? false }

    /// Whether two rows hold equal values, a missing value equalling a missing value.
    func equal(_ a: Int, _ b: Int) -> Bool {
        let aMissing = isMissing(a), bMissing = isMissing(b)
        return aMissing || bMissing ? aMissing == bMissing : codes[a] == codes[b]
    }
}

/// A stable least-significant-digit radix sort of row positions by several keys.
enum RadixSort {
    struct Entry {
        var code: UInt64
        var row: Int
    }

    /// The row order that sorts the rows by `keys`, the first key most significant; ties keep
    /// their original order and missing values come last within their key, as in pandas'
    /// `sort_values(kind="stable", na_position="last")`.
    ///
    /// - Complexity: O(*n* × *b*) where *b* is the number of code bytes that vary, at most 8 per key.
    static func order(rowCount: Int, keys: [(codes: SortCodes, ascending: Bool)]) -> [Int] {
        guard rowCount > 1 else { return Array(0..<rowCount) }
        let keys = keys.map { (codes: $0.codes.compacted(), ascending: $0.ascending) }
        var entries: [Entry]
        if let packed = packedCodes(rowCount: rowCount, keys: keys) {
            entries = packed.enumerated().map { Entry(code: $1, row: $0) }
            var scratch = entries
            sortByCode(&entries, scratch: &scratch)
            return entries.map(\.row)
        }
        var order = Array(0..<rowCount)
        entries = [Entry](repeating: Entry(code: 0, row: 0), count: rowCount)
        var scratch = entries
        // Least significant key first; each pass is stable, so earlier keys dominate.
        for (codes, ascending) in keys.reversed() {
            for (position, row) in order.enumerated() {
                let code = codes.codes[row]
                entries[position] = Entry(code: ascending ? code : ~code, row: row)
            }
            sortByCode(&entries, scratch: &scratch)
            if let missing = codes.missing {
                // Stable partition: present values first, then missing ones.
                var next = 0
                for entry in entries where !missing[entry.row] { order[next] = entry.row; next += 1 }
                for entry in entries where missing[entry.row] { order[next] = entry.row; next += 1 }
            } else {
                for position in entries.indices { order[position] = entries[position].row }
            }
        }
        return order
    }

    /// All keys packed into one code per row, when their value ranges fit in 64 bits together
    /// (user ids and timestamps do): then one sort over sequentially built entries replaces a
    /// sort per key, each of which would gather its codes in random order.
    ///
    /// Each key takes as many bits as its range of codes needs, plus one slot above the range
    /// for missing values, so that they sort last whatever the direction.
    static func packedCodes(rowCount: Int, keys: [(codes: SortCodes, ascending: Bool)]) -> [UInt64]? {
        struct Field {
            var low: UInt64
            var high: UInt64
            var width: Int
        }
        var fields: [Field] = []
        var totalWidth = 0
        for (codes, _) in keys {
            var low = UInt64.max, high = UInt64.min
            for row in 0..<rowCount where !codes.isMissing(row) {
                low = min(low, codes.codes[row])
                high = max(high, codes.codes[row])
            }
            if low > high { (low, high) = (0, 0) }  // every value missing
            let (slots, overflow) = (high - low).addingReportingOverflow(codes.missing == nil ? 0 : 1)
            guard !overflow else { return nil }
            let width = UInt64.bitWidth - slots.leadingZeroBitCount
            totalWidth += width
            guard totalWidth <= UInt64.bitWidth else { return nil }
            fields.append(Field(low: low, high: high, width: width))
        }
        var packed = [UInt64](repeating: 0, count: rowCount)
        for ((codes, ascending), field) in zip(keys, fields) where field.width > 0 {
            let missingSlot = field.high - field.low + 1
            for row in 0..<rowCount {
                let value: UInt64
                if codes.isMissing(row) {
                    value = missingSlot
                } else {
                    let code = codes.codes[row]
                    value = ascending ? code - field.low : field.high - code
                }
                packed[row] = packed[row] << UInt64(field.width) | value
            }
        }
        return packed
    }

    /// Bits per radix digit: 2,048 buckets, whose counters stay in the L1 cache.
    private static let digitBits = 11

    /// Sorts entries by code, stably, with one counting pass for all digits and one scatter pass
    /// per digit over the bits that vary.
    static func sortByCode(_ entries: inout [Entry], scratch: inout [Entry]) {
        var varying: UInt64 = 0
        let first = entries[0].code
        for entry in entries { varying |= entry.code ^ first }
        guard varying != 0 else { return }
        let lowestBit = varying.trailingZeroBitCount
        let highestBit = UInt64.bitWidth - varying.leadingZeroBitCount
        let passes = (highestBit - lowestBit + digitBits - 1) / digitBits
        let bucketCount = 1 << digitBits
        let digitMask = UInt64(bucketCount - 1)

        var offsets = [Int](repeating: 0, count: passes * bucketCount)
        for entry in entries {
            var code = entry.code >> UInt64(lowestBit)
            for pass in 0..<passes {
                offsets[pass * bucketCount + Int(code & digitMask)] += 1
                code >>= UInt64(digitBits)
            }
        }
        for pass in 0..<passes {
            let base = pass * bucketCount
            // A digit that is the same for every entry would only copy them: skip it.
            if offsets[base..<(base + bucketCount)].contains(entries.count) { continue }
            var total = 0
            for bucket in base..<(base + bucketCount) {
                let count = offsets[bucket]
                offsets[bucket] = total
                total += count
            }
            let shift = UInt64(lowestBit + pass * digitBits)
            for entry in entries {
                let bucket = base + Int((entry.code >> shift) & digitMask)
                scratch[offsets[bucket]] = entry
                offsets[bucket] += 1
            }
            swap(&entries, &scratch)
        }
    }
}
