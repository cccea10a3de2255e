import Testing
@testable import Frames

@Suite("Join")
struct JoinTests {
    static func movies() throws -> DataFrame {
        try DataFrame(["movieId": .ints([1, 2, 3]), "title": .strings(["A", "B", "C"])])
    }

    static func ratings() throws -> DataFrame {
        try DataFrame([
            "userId": .ints([10, 11, 12, 13]), "movieId": .ints([2, 1, 2, 4]), "rating": .doubles([3, 4, 5, 1]),
        ])
    }

    @Test("inner: left rows in order, each followed by its matches in right order")
    func inner() throws {
        // pd.merge(movies, ratings, on='movieId') gives (1, A, 11, 4.0), (2, B, 10, 3.0), (2, B, 12, 5.0).
        let merged = try Self.movies().joined(with: Self.ratings(), on: ["movieId"])
        #expect(merged.columnNames == ["movieId", "title", "userId", "rating"])
        #expect(try merged.ints("movieId") == [1, 2, 2])
        #expect(try merged.strings("title") == ["A", "B", "B"])
        #expect(try merged.ints("userId") == [11, 10, 12])
        #expect(try merged.doubles("rating") == [4, 3, 5])
    }

    @Test("left: unmatched left rows keep missing values on the right")
    func left() throws {
        let merged = try Self.movies().joined(with: Self.ratings(), on: ["movieId"], how: .left)
        #expect(try merged.ints("movieId") == [1, 2, 2, 3])
        #expect(try cells(merged, "userId") == ["11", "10", "12", "∅"])
        #expect(try cells(merged, "rating") == ["4.0", "3.0", "5.0", "∅"])
    }

    @Test("shared non-key names get _x and _y, as in pandas")
    func suffixes() throws {
        let left = try DataFrame(["k": .ints([1, 2]), "v": .strings(["l1", "l2"]), "only": .ints([0, 0])])
        let right = try DataFrame(["v": .strings(["r2", "r1"]), "k": .ints([2, 1])])
        let merged = try left.joined(with: right, on: ["k"])
        #expect(merged.columnNames == ["k", "v_x", "only", "v_y"])
        #expect(try merged.strings("v_x") == ["l1", "l2"])
        #expect(try merged.strings("v_y") == ["r1", "r2"])
    }

    @Test("string keys, and missing keys matching missing keys as in pandas")
    func keyKinds() throws {
        let left = try DataFrame(["k": .strings(["a", nil, "c"]), "v": .ints([1, 2, 3])])
        let right = try DataFrame(["k": .strings([nil, "a"]), "w": .strings(["x", "y"])])
        // pandas (float keys [1.0, NaN, 3.0] against [NaN, 1.0]) gives w = y, x, NaN.
        let merged = try left.joined(with: right, on: ["k"], how: .left)
        #expect(try cells(merged, "k") == ["a", "∅", "c"])
        #expect(try cells(merged, "w") == ["y", "x", "∅"])

        // Without missing keys on the right, a missing left key matches nothing (not the placeholder 0).
        let ints = try DataFrame(["k": .ints([nil, 0])]).joined(with: try DataFrame(["k": .ints([0]), "w": .ints([9])]), on: ["k"])
        #expect(try ints.ints("w") == [9])
        #expect(ints.rowCount == 1)
    }

    @Test("sparse integer keys take the hashed path")
    func sparseKeys() throws {
        let left = try DataFrame(["k": .ints([Int.min, 5, Int.max])])
        let right = try DataFrame(["k": .ints([Int.max, Int.min, Int.min]), "w": .ints([1, 2, 3])])
        let merged = try left.joined(with: right, on: ["k"])
        #expect(try merged.ints("k") == [Int.min, Int.min, Int.max])
        #expect(try merged.ints("w") == [2, 3, 1])
    }

    @Test("key errors")
    func errors() throws {
        let movies = try Self.movies()
        #expect(
            dataErrorMessage { _ = try movies.joined(with: try DataFrame(["movieId": .strings(["1"])]), on: ["movieId"]) }
                == "column 'movieId' holds strings; expected integers"
        )
        #expect(
            dataErrorMessage { _ = try movies.joined(with: Self.ratings(), on: ["movieid"]) }
                == "no column named 'movieid'; did you mean 'movieId'? (the table has movieId, title)"
        )
        let doubles = try DataFrame(["x": .doubles([1])])
        #expect(
            dataErrorMessage { _ = try doubles.joined(with: doubles, on: ["x"]) }
                == "column 'x' holds numbers; expected integers or strings or timestamps or booleans"
        )
    }

    /// Two-column keys with a missing value, through every kind of join.
    static func pair() throws -> (DataFrame, DataFrame) {
        let left = try DataFrame(["a": .ints([1, 1, 2, nil]), "b": .strings(["x", "y", "x", "x"]), "v": .ints([1, 2, 3, 4])])
        let right = try DataFrame(["a": .ints([2, 1, 1, nil]), "b": .strings(["x", "y", "y", "x"]), "w": .ints([10, 20, 30, 40])])
        return (left, right)
    }

    // l = pd.DataFrame({'a': [1,1,2,None], 'b': list('xyxx'), 'v': [1,2,3,4]}).astype({'a': 'Int64'})
    // r = pd.DataFrame({'a': [2,1,1,None], 'b': list('xyyx'), 'w': [10,20,30,40]}).astype({'a': 'Int64'})
    // pd.merge(l, r, on=['a', 'b'], how=how)
    @Test("two-column keys, every kind", arguments: [
        (JoinKind.inner, ["1", "1", "2", "∅"], ["2", "2", "3", "4"], ["20", "30", "10", "40"]),
        (JoinKind.left, ["1", "1", "1", "2", "∅"], ["1", "2", "2", "3", "4"], ["∅", "20", "30", "10", "40"]),
        (JoinKind.right, ["2", "1", "1", "∅"], ["3", "2", "2", "4"], ["10", "20", "30", "40"]),
        (JoinKind.outer, ["1", "1", "1", "2", "∅"], ["1", "2", "2", "3", "4"], ["∅", "20", "30", "10", "40"]),
    ])
    func kinds(kind: JoinKind, a: [String], v: [String], w: [String]) throws {
        let (left, right) = try Self.pair()
        let joined = try left.joined(with: right, on: ["a", "b"], how: kind)
        #expect(joined.columnNames == ["a", "b", "v", "w"])
        #expect(try cells(joined, "a") == a)
        #expect(try cells(joined, "v") == v)
        #expect(try cells(joined, "w") == w)
    }

    @Test("outer and right joins take keys only the right has from the right, outer in key order")
    func keysFromTheRight() throws {
        // pd.merge(l, r, on='k', how='outer') for l.k = [3, 1, None, 2, 1], r.k = [1, 4, None, 3, 1]:
        // k = 1 1 1 1 2 3 4 NaN; a = b b e e d a NaN c; b = v z v z NaN y w x
        let left = try DataFrame(["k": .ints([3, 1, nil, 2, 1]), "a": .strings(["a", "b", "c", "d", "e"])])
        let right = try DataFrame(["k": .ints([1, 4, nil, 3, 1]), "b": .strings(["v", "w", "x", "y", "z"])])
        let outer = try left.joined(with: right, on: ["k"], how: .outer)
        #expect(try cells(outer, "k") == ["1", "1", "1", "1", "2", "3", "4", "∅"])
        #expect(try cells(outer, "a") == ["b", "b", "e", "e", "d", "a", "∅", "c"])
        #expect(try cells(outer, "b") == ["v", "z", "v", "z", "∅", "y", "w", "x"])
        // how='right': k = 1 1 4 NaN 3 1 1; a = b e NaN c a b e
        let rightJoin = try left.joined(with: right, on: ["k"], how: .right)
        #expect(try cells(rightJoin, "k") == ["1", "1", "4", "∅", "3", "1", "1"])
        #expect(try cells(rightJoin, "a") == ["b", "e", "∅", "c", "a", "b", "e"])
    }

    @Test("left_on and right_on keep both key columns; booleans are keys; suffixes")
    func differentKeyNames() throws {
        // pd.merge(l, r, left_on='k', right_on='id', suffixes=('_l', '_r')): k 1 2, v_l 1 2, id 1 2, v_r 6 5
        let left = try DataFrame(["k": .ints([1, 2]), "v": .ints([1, 2])])
        let right = try DataFrame(["id": .ints([2, 1]), "v": .ints([5, 6])])
        let joined = try left.joined(with: right, leftOn: ["k"], rightOn: ["id"], suffixes: ("_l", "_r"))
        #expect(joined.columnNames == ["k", "v_l", "id", "v_r"])
        #expect(try joined.ints("id") == [1, 2])
        #expect(try joined.ints("v_r") == [6, 5])

        let flags = try DataFrame(["k": .bools([true, false, true]), "v": .ints([1, 2, 3])])
        let names = try DataFrame(["k": .bools([false, true]), "w": .strings(["f", "t"])])
        #expect(try flags.joined(with: names, on: ["k"]).strings("w") == ["t", "f", "t"])
    }

    @Test("an empty table on either side")
    func emptyTables() throws {
        let movies = try Self.movies()
        let none = try DataFrame(["movieId": .ints([Int]()), "x": .doubles([Double]())])
        #expect(try movies.joined(with: none, on: ["movieId"]).rowCount == 0)
        let left = try movies.joined(with: none, on: ["movieId"], how: .left)
        #expect(try cells(left, "x") == ["∅", "∅", "∅"])
        #expect(try none.joined(with: movies, on: ["movieId"], how: .outer).ints("movieId") == [1, 2, 3])
    }

    @Test("a random join agrees with a nested loop", arguments: [5, 9])
    func randomized(seed: UInt64) throws {
        var generator = SplitMix64(seed: seed)
        let leftKeys = (0..<300).map { _ in Int.random(in: 0..<50, using: &generator) }
        let rightKeys = (0..<200).map { _ in Int.random(in: 25..<80, using: &generator) }
        let left = try DataFrame(["k": .ints(leftKeys), "l": .ints(Array(0..<300))])
        let right = try DataFrame(["k": .ints(rightKeys), "r": .ints(Array(0..<200))])
        var expectedL: [Int] = [], expectedR: [Int] = []
        for (l, key) in leftKeys.enumerated() {
            for (r, other) in rightKeys.enumerated() where other == key {
                expectedL.append(l)
                expectedR.append(r)
            }
        }
        let joined = try left.joined(with: right, on: ["k"])
        #expect(try joined.ints("l") == expectedL)
        #expect(try joined.ints("r") == expectedR)
    }

    /// Left keys distinct (movies), right keys repeated (ratings): the join that scatters the
    /// right's columns. Its result must be the one gathering the nested loop's pairs gives, for
    /// every column type, missing values and both string storages.
    @Test("a join on distinct left keys agrees with a nested loop", arguments: [(UInt64(3), JoinKind.inner), (4, .left), (11, .left)])
    func distinctLeftKeys(seed: UInt64, kind: JoinKind) throws {
        var generator = SplitMix64(seed: seed)
        let leftKeys = Array((0..<60).shuffled(using: &generator).prefix(40))
        let rightCount = 300
        let rightKeys = (0..<rightCount).map { _ in Int.random(in: 0..<70, using: &generator) }
        let titles = leftKeys.map { "title \($0)" }
        let left = try DataFrame(
            names: ["k", "title", "coded", "score", "when"],
            columns: [
                .ints(leftKeys), .strings(titles.enumerated().map { $0.offset % 9 == 0 ? nil : $0.element }),
                Column(values: .string(StringValues(codes: leftKeys.map { UInt32($0 % 3) }, dictionary: ["x", "y", "z"])), missingRows: nil),
                .doubles(leftKeys.map { $0 % 4 == 0 ? nil : Double($0) / 2 }), .timestamps(leftKeys.map { $0 * 86_400 }),
            ]
        )
        let right = try DataFrame(
            names: ["user", "k", "rating", "seen", "note", "tag"],
            columns: [
                .ints((0..<rightCount).map { $0 % 17 == 0 ? nil : $0 }), .ints(rightKeys),
                .doubles((0..<rightCount).map { Double($0 % 10) / 2 }), .bools((0..<rightCount).map { $0 % 3 == 0 }),
                .strings((0..<rightCount).map { $0 % 11 == 0 ? nil : "note \($0)" }),
                Column(values: .string(StringValues(codes: rightKeys.map { UInt32($0 % 2) }, dictionary: ["a", "b"])), missingRows: nil),
            ]
        )
        var leftRows: [Int] = [], rightRows: [Int] = []
        for (l, key) in leftKeys.enumerated() {
            let matches = rightKeys.indices.filter { rightKeys[$0] == key }
            for r in matches {
                leftRows.append(l)
                rightRows.append(r)
            }
            if matches.isEmpty, kind == .left {
                leftRows.append(l)
                rightRows.append(-1)
            }
        }
        #expect(UniqueKeyJoin(left: try left.column("k"), right: try right.column("k"), kind: kind) != nil)
        let joined = try left.joined(with: right, on: ["k"], how: kind)
        #expect(joined.columnNames == ["k", "title", "coded", "score", "when", "user", "rating", "seen", "note", "tag"])
        #expect(joined.rowCount == leftRows.count)
        for name in left.columnNames {
            #expect(try joined.column(name) == left.column(name).gathering(leftRows), "left column \(name)")
        }
        for name in right.columnNames where name != "k" {
            #expect(try joined.column(name) == right.column(name).gathering(optionalRows: rightRows), "right column \(name)")
        }
    }

    @Test("a join on distinct left keys repeats few left strings as codes, as a gather would")
    func distinctLeftKeysEncodeRepeatedStrings() throws {
        let left = try DataFrame(["k": .ints([1, 2]), "title": .strings(["one", "two"])])
        let right = try DataFrame(["k": .ints((0..<70_000).map { $0 % 2 + 1 })])
        let joined = try left.joined(with: right, on: ["k"])
        guard case let .string(titles) = try joined.column("title").values, case .dictionary = titles.storage else {
            Issue.record("expected dictionary-encoded titles")
            return
        }
        #expect(Array(titles.prefix(3)) == ["one", "one", "one"])
        #expect(titles.filter { $0 == "two" }.count == 35_000)
    }

    @Test("repeated left keys, missing keys and other kinds do not take the distinct-keys join")
    func distinctLeftKeysOnlyWhenTheyApply() throws {
        let ints = Column.ints([1, 2, 3]), repeated = Column.ints([1, 2, 1]), missing = Column.ints([1, nil, 3])
        #expect(UniqueKeyJoin(left: ints, right: repeated, kind: .inner) != nil)
        #expect(UniqueKeyJoin(left: repeated, right: ints, kind: .inner) == nil)
        #expect(UniqueKeyJoin(left: missing, right: ints, kind: .inner) == nil)
        #expect(UniqueKeyJoin(left: ints, right: missing, kind: .left) == nil)
        #expect(UniqueKeyJoin(left: ints, right: ints, kind: .right) == nil)
        #expect(UniqueKeyJoin(left: ints, right: ints, kind: .outer) == nil)
        #expect(UniqueKeyJoin(left: .strings(["a"]), right: .strings(["a"]), kind: .inner) == nil)
    }
}
