/// Dense, order-preserving ranks of 64-bit codes: equal codes get equal ranks and a smaller code
/// a smaller rank. The common step of grouping, distinct rows and value counts, whatever the
/// number and types of the key columns.
enum DenseRanks {
    /// Each row's rank among the distinct codes of the rows not skipped; -1 for a skipped row.
    ///
    /// Codes spanning a range not much wider than the row count are ranked through a flat
    /// occupancy array (two sequential passes); few distinct codes over a wide range (ratings as
    /// doubles) through a small hash table; many through a radix sort of (code, row) pairs.
    ///
    /// - Returns: the ranks and the number of distinct codes.
    /// - Complexity: O(*n* + span) or O(*n* × *b*) for *b* varying code bytes.
    static func of(_ codes: [UInt64], skipping skipped: RowMask? = nil) -> (ranks: [Int], count: Int) {
        var low = UInt64.max, high = UInt64.min
        for row in codes.indices where skipped?[row] != true {
            low = min(low, codes[row])
            high = max(high, codes[row])
        }
        guard low <= high else { return ([Int](repeating: -1, count: codes.count), 0) }
        if high - low < UInt64(2 * codes.count + 1024) {
            return occupancyRanks(codes, low: low, span: Int(high - low) + 1, skipping: skipped)
        }
        return hashedRanks(codes, skipping: skipped) ?? sortedRanks(codes, skipping: skipped)
    }

    /// Ranks through a ``SmallCodeTable`` of the distinct codes, which are then sorted; nil when
    /// there are more than it holds.
    static func hashedRanks(_ codes: [UInt64], skipping skipped: RowMask?) -> (ranks: [Int], count: Int)? {
        var table = SmallCodeTable()
        var ids = [Int](repeating: -1, count: codes.count)
        for row in codes.indices where skipped?[row] != true {
            guard let id = table.id(of: codes[row]) else { return nil }
            ids[row] = id
        }
        let distinct = table.codes
        let order = distinct.indices.sorted { distinct[$0] < distinct[$1] }
        var rankOfID = [Int](repeating: 0, count: distinct.count)
        for (rank, id) in order.enumerated() { rankOfID[id] = rank }
        for row in ids.indices where ids[row] >= 0 { ids[row] = rankOfID[ids[row]] }
        return (ids, distinct.count)
    }

    private static func occupancyRanks(
        _ codes: [UInt64], low: UInt64, span: Int, skipping skipped: RowMask?
    ) -> (ranks: [Int], count: Int) {
        var rankOfSlot = [Int32](repeating: 0, count: span)
        for row in codes.indices where skipped?[row] != true { rankOfSlot[Int(codes[row] - low)] = 1 }
        var count: Int32 = 0
        for slot in 0..<span where rankOfSlot[slot] != 0 {
            rankOfSlot[slot] = count
            count += 1
        }
        var ranks = [Int](repeating: -1, count: codes.count)
        for row in codes.indices where skipped?[row] != true { ranks[row] = Int(rankOfSlot[Int(codes[row] - low)]) }
        return (ranks, Int(count))
    }

    private static func sortedRanks(_ codes: [UInt64], skipping skipped: RowMask?) -> (ranks: [Int], count: Int) {
        var entries: [RadixSort.Entry] = []
        entries.reserveCapacity(codes.count)
        for row in codes.indices where skipped?[row] != true { entries.append(.init(code: codes[row], row: row)) }
        var scratch = entries
        RadixSort.sortByCode(&entries, scratch: &scratch)
        scratch = []
        var ranks = [Int](repeating: -1, count: codes.count)
        var rank = -1
        var previous = UInt64.max
        for (position, entry) in entries.enumerated() {
            if position == 0 || entry.code != previous { rank += 1 }
            previous = entry.code
            ranks[entry.row] = rank
        }
        return (ranks, rank + 1)
    }
}

/// Dense ids, in order of first appearance, for at most ``limit`` distinct codes: an
/// open-addressing table small enough to stay in the cache, where hashing beats sorting.
struct SmallCodeTable {
    static let limit = 1 << 16
    private static let capacity = 4 * limit
    private static let shift = UInt64(64 - capacity.trailingZeroBitCount)

    private var slotCodes = [UInt64](repeating: 0, count: capacity)
    private var slotIDs = [Int32](repeating: -1, count: capacity)
    /// The distinct codes, by id.
    private(set) var codes: [UInt64] = []

    /// The id of `code`, a new one if it is new; nil when a new code would pass ``limit``.
    @inline(__always)
    mutating func id(of code: UInt64) -> Int? {
        var slot = Int((code &* 0x9E37_79B9_7F4A_7C15) >> Self.shift)
        while slotIDs[slot] >= 0 {
            if slotCodes[slot] == code { return Int(slotIDs[slot]) }
            slot = (slot + 1) & (Self.capacity - 1)
        }
        guard codes.count < Self.limit else { return nil }
        slotCodes[slot] = code
        slotIDs[slot] = Int32(codes.count)
        codes.append(code)
        return codes.count - 1
    }
}

/// The rows of a table grouped by the values of one or more key columns of any type: the index
/// behind `group`, `distinct` and `value-counts`.
///
/// Groups are numbered in ascending key order (missing values last), or in order of first
/// appearance. Two rows are in one group when their keys are equal in every column, a missing
/// value equalling a missing value; with `dropMissing`, a row with a missing key is in no group.
struct RowGroups {
    /// Each row's group, or -1 for a row in no group.
    private(set) var groupOfRow: [Int]
    /// The first row of each group, in table order.
    private(set) var firstRows: [Int]

    /// The number of groups.
    var count: Int { firstRows.count }

    /// Groups the rows of `keys`, all of `rowCount` rows.
    ///
    /// - Complexity: O(*n*) per key column for integer keys; strings are hashed once per row and
    ///   only their distinct values compared.
    init(keys: [Column], rowCount: Int, dropMissing: Bool, order: Grouping.KeyOrder) {
        if keys.isEmpty {
            // No keys: the whole table is one group, even when it has no rows (dplyr's summarise).
            self.init(wholeTable: rowCount)
            return
        }
        if keys.count == 1 {
            let codes = SortCodes(keys[0])
            var (ranks, distinct) = DenseRanks.of(codes.codes, skipping: codes.missing)
            if let missing = codes.missing, !dropMissing {
                for row in 0..<rowCount where missing[row] { ranks[row] = distinct }
            }
            self.init(groupOfRow: ranks, order: order)
            return
        }
        var combined = [UInt64](repeating: 0, count: rowCount)
        var radix: UInt64 = 1
        var skipped: RowMask? = nil
        for column in keys {
            let codes = SortCodes(column)
            // Missing values get a rank one past the present ones, so they sort last.
            let (ranks, distinct) = DenseRanks.of(codes.codes, skipping: codes.missing)
            let hasMissing = codes.missing != nil
            if hasMissing, dropMissing { skipped = Self.union(skipped, codes.missing) }
            let slots = UInt64(distinct + (hasMissing ? 1 : 0))
            if radix.multipliedReportingOverflow(by: max(slots, 1)).overflow {
                // Re-rank what is combined so far: its ranks fit in fewer bits than its codes.
                let (dense, denseCount) = DenseRanks.of(combined, skipping: skipped)
                for row in 0..<rowCount { combined[row] = UInt64(max(dense[row], 0)) }
                radix = UInt64(max(denseCount, 1))
            }
            for row in 0..<rowCount {
                let rank = ranks[row] < 0 ? UInt64(distinct) : UInt64(ranks[row])
                combined[row] = combined[row] &* max(slots, 1) &+ rank
            }
            radix &*= max(slots, 1)
        }
        self.init(groupOfRow: DenseRanks.of(combined, skipping: skipped).ranks, order: order)
    }

    /// One group of every row.
    private init(wholeTable rowCount: Int) {
        groupOfRow = [Int](repeating: 0, count: rowCount)
        firstRows = [rowCount > 0 ? 0 : -1]
    }

    /// Groups numbered densely from 0 in key order, -1 for rows in none.
    private init(groupOfRow ranks: [Int], order: Grouping.KeyOrder) {
        let groupCount = (ranks.max() ?? -1) + 1
        groupOfRow = ranks
        firstRows = [Int](repeating: -1, count: groupCount)
        var found = 0
        for (row, group) in ranks.enumerated() where group >= 0 && firstRows[group] < 0 {
            firstRows[group] = row
            found += 1
            if found == groupCount { break }
        }
        if order == .firstAppearance { renumberByFirstAppearance() }
    }

    private static func union(_ a: RowMask?, _ b: RowMask?) -> RowMask? {
        guard var result = a else { return b }
        if let b { result.formUnion(b) }
        return result
    }

    /// Numbers the groups in the order their first rows come in the table.
    private mutating func renumberByFirstAppearance() {
        var newNumber = [Int](repeating: -1, count: count)
        var next = 0
        for group in groupOfRow where group >= 0 && newNumber[group] < 0 {
            newNumber[group] = next
            next += 1
            if next == count { break }
        }
        var reordered = [Int](repeating: 0, count: count)
        for (group, row) in firstRows.enumerated() { reordered[newNumber[group]] = row }
        firstRows = reordered
        for row in groupOfRow.indices where groupOfRow[row] >= 0 { groupOfRow[row] = newNumber[groupOfRow[row]] }
    }

    /// The number of rows in each group.
    var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: count)
        for group in groupOfRow where group >= 0 { sizes[group] += 1 }
        return sizes
    }

    /// The rows of each group, in table order.
    var buckets: RowBuckets { RowBuckets(idOfRow: groupOfRow, bucketCount: count) }
}
