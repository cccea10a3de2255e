/// Dense ids for the distinct keys of a column, in order of first appearance: the hash table
/// behind group-by and merge.
///
/// Integer keys that span a range not much wider than the row count (user and movie ids) are
/// looked up in a flat array instead of a dictionary, which is several times faster.
struct IntKeyIndex {
    enum Lookup {
        case dense(base: Int, ids: [Int32])
        case hashed([Int: Int])
    }

    private(set) var lookup: Lookup
    /// The key of each id.
    private(set) var keys: [Int]
    /// Each row's key id, or -1 for a missing key.
    private(set) var idOfRow: [Int]

    /// - Parameter lookups: how many lookups will follow (a join's other side), which makes a
    ///   wider flat array worth its memory.
    init(_ values: [Int], missing: RowMask?, lookups: Int = 0) {
        var low = Int.max, high = Int.min
        for (row, value) in values.enumerated() where missing?[row] != true {
            low = min(low, value)
            high = max(high, value)
        }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        let denseLimit = 2 * (values.count + lookups) + 1024
        var keys: [Int] = []
        var idOfRow: [Int] = []
        idOfRow.reserveCapacity(values.count)
        if low <= high, !overflow, span < denseLimit, values.count < Int(Int32.max) {
            var ids = [Int32](repeating: -1, count: span + 1)
            for (row, value) in values.enumerated() {
                if missing?[row] == true { idOfRow.append(-1); continue }
                let slot = value - low
                if ids[slot] < 0 {
                    ids[slot] = Int32(keys.count)
                    keys.append(value)
                }
                idOfRow.append(Int(ids[slot]))
            }
            lookup = .dense(base: low, ids: ids)
            self.keys = keys
            self.idOfRow = idOfRow
        } else {
            var ids: [Int: Int] = [:]
            for (row, value) in values.enumerated() {
                if missing?[row] == true { idOfRow.append(-1); continue }
                let id = ids[value] ?? {
                    let id = keys.count
                    ids[value] = id
                    keys.append(value)
                    return id
                }()
                idOfRow.append(id)
            }
            lookup = .hashed(ids)
            self.keys = keys
            self.idOfRow = idOfRow
        }
    }

    /// How many distinct keys `values` holds, missing rows aside: what `keys.count` of an index
    /// would be, without the index's id for every row (200 MB at 25 M rows, only to be counted).
    ///
    /// - Complexity: O(*n*), with a bit per key of the span for keys of a narrow span.
    static func distinctCount(_ values: [Int], missing: RowMask?) -> Int {
        var low = Int.max, high = Int.min
        for (row, value) in values.enumerated() where missing?[row] != true {
            low = min(low, value)
            high = max(high, value)
        }
        guard low <= high else { return 0 }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span < 2 * values.count + 1024 else {
            var seen = Set<Int>()
            for (row, value) in values.enumerated() where missing?[row] != true { seen.insert(value) }
            return seen.count
        }
        var seen = [UInt64](repeating: 0, count: span / 64 + 1)
        var count = 0
        for (row, value) in values.enumerated() where missing?[row] != true {
            let slot = value &- low
            let bit: UInt64 = 1 << UInt64(slot & 63)
            if seen[slot >> 6] & bit == 0 {
                seen[slot >> 6] |= bit
                count += 1
            }
        }
        return count
    }

    /// The id of `key`, if it occurs.
    func id(of key: Int) -> Int? {
        switch lookup {
        case let .dense(base, ids):
            let (slot, overflow) = key.subtractingReportingOverflow(base)
            guard !overflow, slot >= 0, slot < ids.count, ids[slot] >= 0 else { return nil }
            return Int(ids[slot])
        case let .hashed(ids):
            return ids[key]
        }
    }
}

/// A string compared and hashed by its UTF-8 bytes, as Python compares strings (Swift's `String`
/// equality identifies canonically equivalent strings, which pandas does not).
struct ExactString: Hashable {
    let value: String

    static func == (lhs: ExactString, rhs: ExactString) -> Bool {
        lhs.value.utf8.elementsEqual(rhs.value.utf8)
    }

    func hash(into hasher: inout Hasher) {
        // All the bytes at once: hashing byte by byte is several times slower. Native strings are
        // contiguous; a bridged one is copied into a native one first.
        var text = value
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(text.utf8.count)
    }
}

/// Rows grouped by an id, in compressed form: the rows of group `g` are
/// `rows[offsets[g]..<offsets[g + 1]]`, in ascending row order.
struct RowBuckets {
    let offsets: [Int]
    let rows: [Int]

    /// Buckets rows by `idOfRow`, skipping rows whose id is negative.
    ///
    /// - Complexity: O(*n* + `bucketCount`), a counting sort.
    init(idOfRow: [Int], bucketCount: Int) {
        var offsets = [Int](repeating: 0, count: bucketCount + 1)
        for id in idOfRow where id >= 0 { offsets[id + 1] += 1 }
        for bucket in 0..<bucketCount { offsets[bucket + 1] += offsets[bucket] }
        var next = Array(offsets.dropLast())
        var rows = [Int](repeating: 0, count: offsets[bucketCount])
        for (row, id) in idOfRow.enumerated() where id >= 0 {
            rows[next[id]] = row
            next[id] += 1
        }
        self.offsets = offsets
        self.rows = rows
    }

    func rows(in bucket: Int) -> ArraySlice<Int> { rows[offsets[bucket]..<offsets[bucket + 1]] }
    func count(of bucket: Int) -> Int { offsets[bucket + 1] - offsets[bucket] }
}
