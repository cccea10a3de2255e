/// The original notebook's per-user, time-ordered split: each user's latest ratings are held
/// out for testing, the ones just before them for validation.
///
/// Rows are ordered by (user id, timestamp) with a stable sort, so rows with equal timestamps
/// keep their input order. For a user with n rows,
/// - test is the last max(1, ⌊testRatio·n⌋) rows,
/// - validation is the max(1, ⌊validationRatio·n⌋) rows before those,
/// - train is the rest,
/// where ⌊r·n⌋ is Python's `int(n * r)` on doubles. A user with a single row contributes it to
/// test only, as the original's Python slicing does.
public struct TimeAwareSplit: Sendable, Equatable {
    /// The fraction of each user's rows held out for validation.
    public var validationRatio: Double
    /// The fraction of each user's rows held out for testing.
    public var testRatio: Double

    /// - Parameters:
    ///   - validationRatio: In [0, 1); 0.1 in the original.
    ///   - testRatio: In [0, 1); 0.1 in the original. The two must sum to less than 1.
    public init(validationRatio: Double = 0.1, testRatio: Double = 0.1) {
        self.validationRatio = validationRatio
        self.testRatio = testRatio
    }

    /// Splits rows given as parallel columns of user ids and timestamps.
    ///
    /// Each part lists row indices into the input columns in the order pandas' `concat` of the
    /// per-user groups produces: users ascending, each user's rows in time order.
    ///
    /// - Parameters:
    ///   - userIds: The user of each row.
    ///   - timestamps: The time of each row, in any monotonic unit (seconds in MovieLens).
    /// - Returns: The three parts; together they hold every row exactly once.
    /// - Throws: ``SplitError/lengthMismatch(_:)`` when the columns differ in length, and
    ///   ``SplitError/invalidFraction(_:)`` for ratios outside [0, 1) or summing to 1 or more.
    /// - Complexity: O(n log n).
    public func split(userIds: [Int], timestamps: [Int]) throws -> RowSplit {
        guard userIds.count == timestamps.count else {
            throw SplitError.lengthMismatch("\(userIds.count) user ids, \(timestamps.count) timestamps")
        }
        for (name, ratio) in [("validation", validationRatio), ("test", testRatio)] {
            guard ratio >= 0, ratio < 1 else {
                throw SplitError.invalidFraction("\(name) ratio \(ratio) is outside [0, 1)")
            }
        }
        guard validationRatio + testRatio < 1 else {
            throw SplitError.invalidFraction(
                "validation and test ratios sum to \(validationRatio + testRatio), leaving nothing to train on")
        }

        // Breaking ties on the row index makes the sort stable whatever algorithm runs it.
        let order = userIds.indices.sorted {
            (userIds[$0], timestamps[$0], $0) < (userIds[$1], timestamps[$1], $1)
        }
        var result = RowSplit(train: [], validation: [], test: [])
        var groupStart = 0
        while groupStart < order.count {
            let user = userIds[order[groupStart]]
            var groupEnd = groupStart + 1
            while groupEnd < order.count, userIds[order[groupEnd]] == user { groupEnd += 1 }
            let group = order[groupStart..<groupEnd]
            let count = group.count
            let testCount = max(1, Int(Double(count) * testRatio))
            let validationCount = max(1, Int(Double(count) * validationRatio))
            // Python slices, as the original wrote them; for count = 1 the start goes negative.
            let trainEnd = pythonSliceBound(count - validationCount - testCount, count: count)
            let testStart = pythonSliceBound(count - testCount, count: count)
            result.train += group.prefix(trainEnd)
            result.validation += group.dropFirst(trainEnd).prefix(max(0, testStart - trainEnd))
            result.test += group.dropFirst(testStart)
            groupStart = groupEnd
        }
        return result
    }
}

/// Normalises a Python slice bound: a negative bound counts from the end, then clamps to 0...count.
private func pythonSliceBound(_ bound: Int, count: Int) -> Int {
    let resolved = bound < 0 ? bound + count : bound
    return min(max(resolved, 0), count)
}
