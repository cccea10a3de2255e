import Testing
@testable import Frames

@Suite("Distinct rows and value counts")
struct DistinctTests {
    // df = pd.DataFrame({'g': ['b','a','b',None,'a','é','a'], 'n': pd.array([1,2,1,None,2,3,None], dtype='Int64')})
    static func frame() throws -> DataFrame {
        try DataFrame(["g": .strings(["b", "a", "b", nil, "a", "é", "a"]), "n": .ints([1, 2, 1, nil, 2, 3, nil])])
    }

    @Test("first occurrences in table order, missing equal to missing")
    func distinct() throws {
        let frame = try Self.frame()
        // df.drop_duplicates().index: [0, 1, 3, 5, 6]; df.drop_duplicates(subset=['g']).index: [0, 1, 3, 5]
        #expect(try cells(frame.distinctRows(), "n") == ["1", "2", "∅", "3", "∅"])
        #expect(try cells(frame.distinctRows(over: ["g"]), "g") == ["b", "a", "∅", "é"])
        let empty = try DataFrame(["g": .strings([String]())])
        #expect(try empty.distinctRows().rowCount == 0)
        #expect(dataErrorMessage { _ = try frame.distinctRows(over: ["G"]) } == "no column named 'G'; did you mean 'g'? (the table has g, n)")
    }

    @Test("counts, most frequent first, ties by value, missing last")
    func counts() throws {
        let frame = try Self.frame()
        // df.value_counts('g'): a 3, b 2, é 1
        let counts = try frame.valueCounts(of: ["g"])
        #expect(counts.columnNames == ["g", "count"])
        #expect(try counts.strings("g") == ["a", "b", "é"])
        #expect(try counts.ints("count") == [3, 2, 1])
        // df.value_counts('g', dropna=False): a 3, b 2, then NaN and é with 1 each (ties by value, missing last).
        #expect(try cells(frame.valueCounts(of: ["g"], dropMissing: false), "g") == ["a", "b", "é", "∅"])
        // df.value_counts('g', normalize=True): 0.5, 0.333…, 0.1666…
        let shares = try frame.valueCounts(of: ["g"], normalize: true)
        #expect(shares.columnNames == ["g", "share"])
        #expect(try shares.doubles("share") == [3.0 / 6, 2.0 / 6, 1.0 / 6])
        // df.value_counts('g', sort=False): b 2, a 3, é 1
        let unsorted = try frame.valueCounts(of: ["g"], sort: false)
        #expect(try unsorted.strings("g") == ["b", "a", "é"])
        #expect(try unsorted.ints("count") == [2, 3, 1])
    }

    @Test("combinations of columns")
    func combinations() throws {
        // df.value_counts(['g', 'n'], dropna=False): (a,2) 2, (b,1) 2, then the ones: (a,NaN), (é,3), (NaN,NaN).
        let counts = try Self.frame().valueCounts(of: ["g", "n"], dropMissing: false)
        #expect(try cells(counts, "g") == ["a", "b", "a", "é", "∅"])
        #expect(try cells(counts, "n") == ["2", "1", "∅", "3", "∅"])
        #expect(try counts.ints("count") == [2, 2, 1, 1, 1])
    }

    @Test("few values are hashed, many sorted: both give ascending values, ties after the most frequent")
    func manyDistinctValues() throws {
        // 70 000 distinct halves (past the 65 536 a small hash table holds), 1.0 twice.
        let values = (0..<70_000).map { Double($0) / 2 } + [1.0]
        let counts = try DataFrame(["v": .doubles(values.reversed())]).valueCounts(of: ["v"])
        #expect(counts.rowCount == 70_000)
        #expect(try Array(counts.doubles("v").prefix(4)) == [1.0, 0.0, 0.5, 1.5])
        #expect(try Array(counts.ints("count").prefix(2)) == [2, 1])
        // Grouping by the same doubles sorts them too; a few distinct doubles go through the hash table.
        let grouped = try DataFrame(["v": .doubles(values.reversed())]).aggregated(by: ["v"], [("n", Aggregate(.count))])
        #expect(try Array(grouped.doubles("v").prefix(3)) == [0.0, 0.5, 1.0])
        #expect(try Array(grouped.ints("n").prefix(3)) == [1, 1, 2])
        let few = try DataFrame(["v": .doubles([2.5, -0.0, .nan, 0.0, 2.5])]).aggregated(by: ["v"], [("n", Aggregate(.count))])
        // pandas: groupby treats -0.0 and 0.0 as one key; NaN keys are dropped.
        #expect(try few.doubles("v") == [0, 2.5])
        #expect(try few.ints("n") == [2, 2])
    }
}
