extension DataFrame {
    /// The most rows a sample with replacement may draw.
    public static let maxSampleRows = 100_000_000

    /// `count` rows drawn at random, kept in table order: pandas' `sample(n=count, replace=…)`
    /// followed by `sort_index()`. The same generator state gives the same rows.
    ///
    /// - Parameters:
    ///   - count: rows to draw; at most the table's rows without replacement, at most
    ///     ``maxSampleRows`` with it.
    ///   - replace: draw with replacement (a row may come several times, its copies adjacent).
    ///   - generator: the source of randomness, advanced.
    /// - Throws: ``DataError/invalidArgument(_:)`` for a count out of those bounds.
    /// - Complexity: O(*n*) without replacement (selection sampling), O(*n* + `count`) with it.
    public func sampledRows(_ count: Int, replace: Bool, using generator: inout some RandomNumberGenerator) throws -> DataFrame {
        guard count >= 0 else { throw DataError.invalidArgument("cannot draw \(count) rows") }
        if replace {
            guard count <= Self.maxSampleRows else {
                throw DataError.invalidArgument("cannot draw \(count) rows; a sample has at most \(Self.maxSampleRows)")
            }
            guard count == 0 || rowCount > 0 else { throw DataError.invalidArgument("cannot draw rows from an empty table") }
            var draws = [Int32](repeating: 0, count: rowCount)
            for _ in 0..<count { draws[Int.random(in: 0..<rowCount, using: &generator)] += 1 }
            var rows: [Int] = []
            rows.reserveCapacity(count)
            for (row, times) in draws.enumerated() where times > 0 {
                rows.append(contentsOf: repeatElement(row, count: Int(times)))
            }
            return gatheringRows(rows)
        }
        guard count <= rowCount else {
            throw DataError.invalidArgument("cannot draw \(count) rows without replacement from a table of \(rowCount)")
        }
        // Knuth's selection sampling: row i is kept with probability (still needed) / (rows left).
        var rows: [Int] = []
        rows.reserveCapacity(count)
        for row in 0..<rowCount where rows.count < count {
            let needed = count - rows.count, left = rowCount - row
            if Int.random(in: 0..<left, using: &generator) < needed { rows.append(row) }
        }
        return gatheringRows(rows)
    }
}
