import Testing
@testable import Frames

@Suite("Summaries and groups")
struct SummaryTests {
    @Test("duplicate rows as pandas' duplicated().sum()")
    func duplicates() throws {
        // pandas on the same frame: duplicated() is [F, T, F, F, T, F, F], sum 2.
        let frame = try DataFrame([
            "a": .ints([1, 1, 2, 1, 1, 1, 1]),
            "s": .strings(["a", "a", "a", "a", "a", "a", nil]),
            "x": .doubles([4, 4, 4, .nan, .nan, 0, -0.0]),
        ])
        #expect(frame.duplicateRowCount() == 2)
        // pandas: DataFrame({'x': [0.0, -0.0]}).duplicated().sum() == 1.
        #expect(try DataFrame(["x": .doubles([0, -0.0])]).duplicateRowCount() == 1)
        #expect(try DataFrame(["s": .strings([nil, nil, "x"])]).duplicateRowCount() == 1)
        #expect(try DataFrame(["i": .ints([3, 2, 1])]).duplicateRowCount() == 0)
        #expect(DataFrame().duplicateRowCount() == 0)
    }

    @Test("null counts per column, NaN included")
    func nullCounts() throws {
        let frame = try DataFrame([
            "i": .ints([1, nil, nil]), "d": .doubles([.nan, 1, 2]), "s": .strings(["a", "b", "c"]),
            "t": .timestamps([nil, 1, 2]),
        ])
        let counts = frame.nullCounts()
        #expect(counts.map(\.column) == ["i", "d", "s", "t"])
        #expect(counts.map(\.count) == [2, 1, 0, 1])
    }

    @Test("unique counts skip missing values, as nunique() does")
    func uniqueCounts() throws {
        let frame = try DataFrame([
            "d": .doubles([1, .nan, 1, 2, -0.0, 0]),
            "s": .strings(["a", nil, "b", "a", "c", "c"]),
            "i": .ints([5, 5, 5, 5, 5, 5]),
        ])
        #expect(try frame.uniqueCount("d") == 3)  // pandas: 3
        #expect(try frame.uniqueCount("s") == 3)
        #expect(try frame.uniqueCount("i") == 1)
    }

    @Test("unique counts of integers, narrow and wide spans, with missing values, as a set counts them")
    func integerUniqueCounts() throws {
        var generator = SplitMix64(seed: 9)
        for (count, span) in [(0, 1), (1, 1), (500, 40), (500, 5_000), (3_000, 1 << 40), (2_000, Int.max)] {
            let values: [Int?] = (0..<count).map { _ in
                guard generator.next() % 10 != 0 else { return nil }
                let value = Int(truncatingIfNeeded: generator.next() % UInt64(span))
                return generator.next() % 2 == 0 ? value : -value
            }
            let frame = try DataFrame(["i": .ints(values), "t": .timestamps(values)])
            let expected = Set(values.compactMap { $0 }).count
            #expect(try frame.uniqueCount("i") == expected, "\(count) values over a span of \(span)")
            #expect(try frame.uniqueCount("t") == expected)
        }
        #expect(try DataFrame(["i": .ints([Int.min, Int.max, Int.min, 0])]).uniqueCount("i") == 3)
    }

    static func ratings() throws -> DataFrame {
        try DataFrame([
            "movieId": .ints([50, 7, 50, 9, 7, 50, nil]),
            "rating": .doubles([4, 3, 5, .nan, 2, 4.5, 1]),
            "tag": .strings(["x", "y", "z", nil, "w", "v", "u"]),
        ])
    }

    @Test("groups in ascending key order and in order of appearance")
    func grouping() throws {
        let frame = try Self.ratings()
        let ascending = try frame.grouped(by: "movieId")
        #expect(ascending.keys == [7, 9, 50])
        #expect(ascending.sizes == [2, 1, 3])
        #expect(Array(ascending.rows(inGroup: 2)) == [0, 2, 5])
        #expect(ascending.group(of: 9) == 1)
        #expect(ascending.group(of: 8) == nil)
        let appearance = try frame.grouped(by: "movieId", order: .firstAppearance)
        #expect(appearance.keys == [50, 7, 9])
        #expect(Array(appearance.rows(inGroup: 1)) == [1, 4])
        #expect(dataErrorMessage { _ = try frame.grouped(by: "rating") } == "column 'rating' holds numbers; expected integers or timestamps")
    }

    @Test("count and mean per key, as groupby(key)[value].agg(['count', 'mean'])")
    func statistics() throws {
        let statistics = try Self.ratings().groupStatistics(of: "rating", by: "movieId")
        #expect(statistics.columnNames == ["movieId", "count", "mean"])
        #expect(try statistics.ints("movieId") == [7, 9, 50])
        #expect(try statistics.ints("count") == [2, 0, 3])
        let means = try statistics.doubles("mean")
        #expect(means[0] == 2.5)
        #expect(means[1].isNaN)
        #expect(means[2] == 4.5)
    }

    @Test("strings joined per key in table order, as groupby(key)[value].apply(' '.join)")
    func joinedStrings() throws {
        let joined = try Self.ratings().joinedStrings(of: "tag", by: "movieId")
        #expect(try joined.ints("movieId") == [7, 9, 50])
        #expect(try joined.strings("tag") == ["y w", "", "x z v"])
    }
}
