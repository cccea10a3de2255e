import Testing
@testable import Frames

@Suite("Merge")
struct MergeTests {
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
        let merged = try Self.movies().merged(with: Self.ratings(), on: "movieId")
        #expect(merged.columnNames == ["movieId", "title", "userId", "rating"])
        #expect(try merged.ints("movieId") == [1, 2, 2])
        #expect(try merged.strings("title") == ["A", "B", "B"])
        #expect(try merged.ints("userId") == [11, 10, 12])
        #expect(try merged.doubles("rating") == [4, 3, 5])
    }

    @Test("left: unmatched left rows keep missing values on the right")
    func left() throws {
        let merged = try Self.movies().merged(with: Self.ratings(), on: "movieId", how: .left)
        #expect(try merged.ints("movieId") == [1, 2, 2, 3])
        #expect(try cells(merged, "userId") == ["11", "10", "12", "∅"])
        #expect(try cells(merged, "rating") == ["4.0", "3.0", "5.0", "∅"])
    }

    @Test("shared non-key names get _x and _y, as in pandas")
    func suffixes() throws {
        let left = try DataFrame(["k": .ints([1, 2]), "v": .strings(["l1", "l2"]), "only": .ints([0, 0])])
        let right = try DataFrame(["v": .strings(["r2", "r1"]), "k": .ints([2, 1])])
        let merged = try left.merged(with: right, on: "k")
        #expect(merged.columnNames == ["k", "v_x", "only", "v_y"])
        #expect(try merged.strings("v_x") == ["l1", "l2"])
        #expect(try merged.strings("v_y") == ["r1", "r2"])
    }

    @Test("string keys, and missing keys matching missing keys as in pandas")
    func keyKinds() throws {
        let left = try DataFrame(["k": .strings(["a", nil, "c"]), "v": .ints([1, 2, 3])])
        let right = try DataFrame(["k": .strings([nil, "a"]), "w": .strings(["x", "y"])])
        // pandas (float keys [1.0, NaN, 3.0] against [NaN, 1.0]) gives w = y, x, NaN.
        let merged = try left.merged(with: right, on: "k", how: .left)
        #expect(try cells(merged, "k") == ["a", "∅", "c"])
        #expect(try cells(merged, "w") == ["y", "x", "∅"])

        // Without missing keys on the right, a missing left key matches nothing (not the placeholder 0).
        let ints = try DataFrame(["k": .ints([nil, 0])]).merged(with: try DataFrame(["k": .ints([0]), "w": .ints([9])]), on: "k")
        #expect(try ints.ints("w") == [9])
        #expect(ints.rowCount == 1)
    }

    @Test("sparse integer keys take the hashed path")
    func sparseKeys() throws {
        let left = try DataFrame(["k": .ints([Int.min, 5, Int.max])])
        let right = try DataFrame(["k": .ints([Int.max, Int.min, Int.min]), "w": .ints([1, 2, 3])])
        let merged = try left.merged(with: right, on: "k")
        #expect(try merged.ints("k") == [Int.min, Int.min, Int.max])
        #expect(try merged.ints("w") == [2, 3, 1])
    }

    @Test("key errors")
    func errors() throws {
        let movies = try Self.movies()
        #expect(
            dataErrorMessage { _ = try movies.merged(with: try DataFrame(["movieId": .strings(["1"])]), on: "movieId") }
                == "column 'movieId' holds strings; expected integers"
        )
        #expect(
            dataErrorMessage { _ = try movies.merged(with: Self.ratings(), on: "movieid") }
                == "no column named 'movieid'; did you mean 'movieId'? (the table has movieId, title)"
        )
        let doubles = try DataFrame(["x": .doubles([1])])
        #expect(
            dataErrorMessage { _ = try doubles.merged(with: doubles, on: "x") }
                == "column 'x' holds numbers; expected integers or timestamps or strings"
        )
    }
}
