import Testing
@testable import Frames

@Suite("Group-by aggregation")
struct AggregationTests {
    /// The fixture of every group-by test: string keys with a missing one and a non-ASCII one,
    /// doubles with NaN, integers with a missing value.
    static func frame() throws -> DataFrame {
        try DataFrame([
            "key": .strings(["b", "a", "b", nil, "a", "b", "é"]),
            "x": .doubles([1.5, .nan, 2.5, 4.0, 3.0, -1.0, 7.0]),
            "n": .ints([3, 4, nil, 1, 5, 6, 2]),
        ])
    }

    @Test("every function against pandas' groupby().agg()")
    func everyFunction() throws {
        // df = pd.DataFrame({'key': ['b','a','b',None,'a','b','é'], 'x': [1.5,nan,2.5,4.0,3.0,-1.0,7.0],
        //                    'n': pd.array([3,4,None,1,5,6,2], dtype='Int64')})
        // df.groupby('key').agg(rows=('x','size'), cx=('x','count'), sx=('x','sum'), mx=('x','mean'),
        //   md=('x','median'), mn=('x','min'), mxx=('x','max'), sd=('x','std'), vr=('x','var'),
        //   nu=('n','nunique'), q=('x', lambda s: s.quantile(0.9)), fi=('n','first'), la=('n','last'), sn=('n','sum'))
        let result = try Self.frame().aggregated(by: ["key"], [
            ("rows", Aggregate(.count)), ("cx", Aggregate(.count, "x")), ("sx", Aggregate(.sum, "x")),
            ("mx", Aggregate(.mean, "x")), ("md", Aggregate(.median, "x")), ("mn", Aggregate(.min, "x")),
            ("mxx", Aggregate(.max, "x")), ("sd", Aggregate(.std, "x")), ("vr", Aggregate(.var, "x")),
            ("nu", Aggregate(.countDistinct, "n")), ("q", Aggregate(.quantile, "x", q: 0.9)),
            ("fi", Aggregate(.first, "n")), ("la", Aggregate(.last, "n")), ("sn", Aggregate(.sum, "n")),
        ])
        #expect(try result.strings("key") == ["a", "b", "é"])
        #expect(try result.ints("rows") == [2, 3, 1])
        #expect(try result.ints("cx") == [1, 3, 1])
        #expect(try result.doubles("sx") == [3, 3, 7])
        #expect(try result.doubles("mx") == [3, 1, 7])
        #expect(try result.doubles("md") == [3, 1.5, 7])
        #expect(try result.doubles("mn") == [3, -1, 7])
        #expect(try result.doubles("mxx") == [3, 2.5, 7])
        #expect(try cells(result, "sd") == ["∅", "1.8027756377319946", "∅"])
        #expect(try cells(result, "vr") == ["∅", "3.25", "∅"])
        #expect(try result.ints("nu") == [2, 2, 1])
        let q = try result.doubles("q")
        #expect(q[0] == 3 && abs(q[1] - 2.3) < 1e-12 && q[2] == 7)
        #expect(try result.ints("fi") == [4, 3, 2])
        #expect(try result.ints("la") == [5, 6, 2])
        #expect(try result.ints("sn") == [9, 9, 2])
        #expect(result.schema == TableSchema([
            "key": .string, "rows": .int, "cx": .int, "sx": .double, "mx": .double, "md": .double, "mn": .double,
            "mxx": .double, "sd": .double, "vr": .double, "nu": .int, "q": .double, "fi": .int, "la": .int, "sn": .int,
        ]))
    }

    @Test("first appearance, and missing keys as a group of their own with dropna false")
    func orderAndMissingKeys() throws {
        // df.groupby('key', sort=False, dropna=False).agg(rows=('x','size'), mx=('x','mean')):
        // b 3 1.0, a 2 3.0, NaN 1 4.0, é 1 7.0
        let result = try Self.frame().aggregated(
            by: ["key"], [("rows", Aggregate(.count)), ("mx", Aggregate(.mean, "x"))],
            dropMissingKeys: false, order: .firstAppearance
        )
        #expect(try cells(result, "key") == ["b", "a", "∅", "é"])
        #expect(try result.ints("rows") == [3, 2, 1, 1])
        #expect(try result.doubles("mx") == [1, 3, 4, 7])
        // Sorted, the missing key comes last.
        let sorted = try Self.frame().aggregated(by: ["key"], [("rows", Aggregate(.count))], dropMissingKeys: false)
        #expect(try cells(sorted, "key") == ["a", "b", "é", "∅"])
    }

    @Test("several keys of different types, bools among them; min and max keep their type")
    func severalKeys() throws {
        let frame = try DataFrame([
            "liked": .bools([true, false, true, true, nil]),
            "year": .ints([2001, 2001, 1999, 2001, 2001]),
            "title": .strings(["b", "c", "a", "a", "z"]),
            "seen": .timestamps([30, 10, 20, 40, 50]),
        ])
        // df.groupby(['liked', 'year']).agg(first=('title','min'), last=('seen','max')):
        // (False, 2001) c 10; (True, 1999) a 20; (True, 2001) a 40
        let result = try frame.aggregated(by: ["liked", "year"], [
            ("first", Aggregate(.min, "title")), ("last", Aggregate(.max, "seen")),
        ])
        #expect(try cells(result, "liked") == ["false", "true", "true"])
        #expect(try result.ints("year") == [2001, 1999, 2001])
        #expect(try result.strings("first") == ["c", "a", "a"])
        #expect(try cells(result, "last") == ["t10", "t20", "t40"])
    }

    @Test("an empty table gives no groups; an all-missing group gives missing values and zero sums")
    func emptyAndMissing() throws {
        let empty = try DataFrame(["k": .ints([Int]()), "v": .doubles([Double]())])
        let none = try empty.aggregated(by: ["k"], [("m", Aggregate(.mean, "v")), ("c", Aggregate(.count))])
        #expect(none.rowCount == 0)
        #expect(none.columnNames == ["k", "m", "c"])

        let frame = try DataFrame(["k": .ints([1, 1]), "v": .doubles([.nan, .nan]), "s": .strings([nil, nil])])
        let result = try frame.aggregated(by: ["k"], [
            ("sum", Aggregate(.sum, "v")), ("mean", Aggregate(.mean, "v")), ("median", Aggregate(.median, "v")),
            ("first", Aggregate(.first, "s")), ("min", Aggregate(.min, "s")), ("distinct", Aggregate(.countDistinct, "s")),
        ])
        // pandas: sum 0.0, mean NaN, median NaN, first None, min NaN, nunique 0.
        #expect(try cells(result, "sum") == ["0.0"])
        #expect(try cells(result, "mean") == ["∅"])
        #expect(try cells(result, "median") == ["∅"])
        #expect(try cells(result, "first") == ["∅"])
        #expect(try cells(result, "min") == ["∅"])
        #expect(try result.ints("distinct") == [0])
    }

    @Test("errors: a function of the wrong type, an integer sum past 64 bits")
    func errors() throws {
        let frame = try Self.frame()
        #expect(dataErrorMessage { _ = try frame.aggregated(by: ["x"], [("m", Aggregate(.mean, "key"))]) }
            == "column 'key' holds strings; expected integers or numbers")
        let big = try DataFrame(["k": .ints([1, 1]), "v": .ints([Int.max, 1])])
        #expect(dataErrorMessage { _ = try big.aggregated(by: ["k"], [("s", Aggregate(.sum, "v"))]) }
            == "the sum of column 'v' overflows 64-bit integers")
    }

    @Test("medians and quantiles of random groups agree with sorting", arguments: [3, 11])
    func quantilesAgreeWithSorting(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let keys = (0..<3000).map { _ in Int.random(in: 0..<40, using: &generator) }
        let values = (0..<3000).map { _ in Double(Int.random(in: -50...50, using: &generator)) / 4 }
        let frame = try DataFrame(["k": .ints(keys), "v": .doubles(values)])
        let result = try frame.aggregated(by: ["k"], [("q", Aggregate(.quantile, "v", q: 0.3)), ("m", Aggregate(.median, "v"))])
        for (position, key) in try result.ints("k").enumerated() {
            let sorted = zip(keys, values).filter { $0.0 == key }.map(\.1).sorted()
            let at = 0.3 * Double(sorted.count - 1), low = Int(at)
            let expected = low + 1 < sorted.count ? sorted[low] + (sorted[low + 1] - sorted[low]) * (at - Double(low)) : sorted[low]
            #expect(abs(try result.doubles("q")[position] - expected) < 1e-12)
            let middle = sorted.count / 2
            let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            #expect(try result.doubles("m")[position] == median)
        }
    }
}
