import Testing
@testable import Frames

@Suite("Sorting")
struct SortingTests {
    @Test("multi-key sort is stable: ties keep file order")
    func stableTies() throws {
        // The same frame through pandas: sort_values(['u', 't']).g gives d, b, e, a, c.
        let frame = try DataFrame([
            "u": .ints([2, 1, 2, 1, 1]), "t": .ints([5, 3, 5, 1, 3]), "g": .strings(["a", "b", "c", "d", "e"]),
        ])
        #expect(try frame.sorted(by: ["u", "t"]).strings("g") == ["d", "b", "e", "a", "c"])
    }

    @Test("directions, missing values last, negative numbers, code point order")
    func keyKinds() throws {
        let frame = try DataFrame([
            "x": .doubles([2, .nan, -1, 0.5, -0.0, 0]),
            "i": .ints([3, nil, -7, Int.max, Int.min, 0]),
            "s": .strings(["b", "a", "B", "é", "ab", nil]),
        ])
        // pandas: sort_values('x', ascending=False) gives 2.0, 0.5, -0.0/0.0 (stable), -1.0, NaN.
        #expect(try frame.sortedRowOrder(by: [SortKey("x", ascending: false)]) == [0, 3, 4, 5, 2, 1])
        #expect(try frame.sortedRowOrder(by: ["x"]) == [2, 4, 5, 3, 0, 1])
        #expect(try frame.sortedRowOrder(by: ["i"]) == [4, 2, 5, 0, 3, 1])
        #expect(try frame.sortedRowOrder(by: [SortKey("i", ascending: false)]) == [3, 0, 5, 2, 4, 1])
        // pandas: ['B', 'a', 'ab', 'b', 'é'], missing last.
        #expect(try frame.sortedRowOrder(by: ["s"]) == [2, 1, 4, 0, 3, 5])
    }

    @Test("agrees with a comparison sort broken by row position", arguments: [1, 7, 42])
    func randomized(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let count = 5000
        let users = (0..<count).map { _ in Int.random(in: 1...40, using: &generator) }
        let times = (0..<count).map { _ in Int.random(in: -3...300_000, using: &generator) * 1000 }
        let ratings = (0..<count).map { _ in Double(Int.random(in: 1...10, using: &generator)) / 2 }
        let frame = try DataFrame(["u": .ints(users), "t": .timestamps(times), "r": .doubles(ratings)])
        let expected = (0..<count).sorted { a, b in
            if users[a] != users[b] { return users[a] < users[b] }
            if ratings[a] != ratings[b] { return ratings[a] > ratings[b] }
            if times[a] != times[b] { return times[a] < times[b] }
            return a < b
        }
        // Ratings' double codes span too many bits to pack with the others: one sort per key.
        #expect(try frame.sortedRowOrder(by: ["u", SortKey("r", ascending: false), "t"]) == expected)

        // User ids and timestamps pack into one code, with a slot for missing values.
        let optionalTimes = times.enumerated().map { $0.offset % 11 == 0 ? nil : $0.element }
        let withMissing = try DataFrame(["u": .ints(users), "t": .timestamps(optionalTimes)])
        let expectedWithMissing = (0..<count).sorted { a, b in
            if users[a] != users[b] { return users[a] > users[b] }
            switch (optionalTimes[a], optionalTimes[b]) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        #expect(try withMissing.sortedRowOrder(by: [SortKey("u", ascending: false), "t"]) == expectedWithMissing)
    }

    @Test("sorting names an unknown column")
    func unknownKey() throws {
        let frame = try DataFrame(["userId": .ints([1])])
        #expect(dataErrorMessage { _ = try frame.sorted(by: ["userid"]) } == "no column named 'userid'; did you mean 'userId'? (the table has userId)")
    }
}

@Suite("Top rows")
struct TopRowsTests {
    @Test("the top rows by heap selection equal the head of a stable sort", arguments: [1, 5, 64])
    func agreesWithSorting(count: Int) throws {
        var generator = SplitMix64(seed: UInt64(count))
        let scores = (0..<4000).map { _ in Int.random(in: 0..<30, using: &generator) }
        let groups = (0..<4000).map { row in row % 7 == 0 ? nil : Int.random(in: 0..<3, using: &generator) }
        let frame = try DataFrame(["s": .ints(scores), "g": .ints(groups)])
        let keys = [SortKey("s", ascending: false), "g"]
        #expect(try frame.topRowOrder(by: keys, count: count) == Array(frame.sortedRowOrder(by: keys).prefix(count)))
    }

    @Test("more rows than the table, none, and keys that do not pack")
    func edges() throws {
        let frame = try DataFrame(["x": .doubles([2, .nan, 1, 3]), "s": .strings(["b", "a", "c", "a"])])
        #expect(try frame.topRowOrder(by: ["x"], count: 10) == [2, 0, 3, 1])
        #expect(try frame.topRowOrder(by: ["x"], count: 0) == [])
        #expect(try frame.top(2, by: [SortKey("s", ascending: false), "x"]).strings("s") == ["c", "b"])
    }
}
