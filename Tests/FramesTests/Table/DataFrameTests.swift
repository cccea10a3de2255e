import Testing
@testable import Frames

@Suite("DataFrame")
struct DataFrameTests {
    static func ratings() throws -> DataFrame {
        try DataFrame([
            "userId": .ints([1, 1, 2]),
            "rating": .doubles([4.0, 3.5, 5.0]),
            "title": .strings(["A", "B", "C"]),
        ])
    }

    @Test("columns keep their order and types")
    func construction() throws {
        let frame = try Self.ratings()
        #expect(frame.columnNames == ["userId", "rating", "title"])
        #expect(frame.rowCount == 3)
        #expect(frame.columnCount == 3)
        #expect(frame.columns.map(\.type) == [.int, .double, .string])
        #expect(DataFrame().rowCount == 0)
    }

    @Test("a missing column is named with the available ones and a suggestion")
    func missingColumn() throws {
        let frame = try Self.ratings()
        #expect(
            dataErrorMessage { _ = try frame.column("ratng") }
                == "no column named 'ratng'; did you mean 'rating'? (the table has userId, rating, title)"
        )
        #expect(
            dataErrorMessage { _ = try frame.ints("genres") }
                == "no column named 'genres' (the table has userId, rating, title)"
        )
        #expect(dataErrorMessage { _ = try DataFrame().column("x") } == "no column named 'x' (the table has no columns)")
    }

    @Test("construction errors")
    func constructionErrors() {
        #expect(
            dataErrorMessage { _ = try DataFrame(["a": .ints([1, 2]), "b": .ints([1, 2, 3])]) }
                == "column 'b' has 3 values; the table has 2 rows"
        )
        #expect(dataErrorMessage { _ = try DataFrame(["a": .ints([1]), "a": .ints([2])]) } == "duplicate column name 'a'")
    }

    @Test("typed access checks the type and missing values")
    func typedAccess() throws {
        var frame = try Self.ratings()
        #expect(try frame.doubles("userId") == [1, 1, 2])
        #expect(dataErrorMessage { _ = try frame.ints("title") } == "column 'title' holds strings; expected integers")
        #expect(dataErrorMessage { _ = try frame.doubles("title") } == "column 'title' holds strings; expected numbers or integers")
        try frame.setColumn("userId", .ints([1, nil, 2]))
        #expect(
            dataErrorMessage { _ = try frame.ints("userId") }
                == "column 'userId' has 1 missing value; expected a value in every row"
        )
        #expect(try frame.doubles("userId").map { $0.isNaN } == [false, true, false])
    }

    @Test("setting, selecting, removing and renaming columns")
    func columnEditing() throws {
        var frame = try Self.ratings()
        try frame.setColumn("rating", .doubles([1, 2, 3]))
        try frame.setColumn("extra", .ints([7, 8, 9]))
        #expect(frame.columnNames == ["userId", "rating", "title", "extra"])
        #expect(try frame.doubles("rating") == [1, 2, 3])
        #expect(dataErrorMessage { try frame.setColumn("short", .ints([1])) } == "column 'short' has 1 value; the table has 3 rows")
        #expect(try frame.selecting(["title", "userId"]).columnNames == ["title", "userId"])
        #expect(try frame.removingColumns(["rating", "extra"]).columnNames == ["userId", "title"])
        #expect(try frame.renamingColumns(["title": "name"]).columnNames == ["userId", "rating", "name", "extra"])
        #expect(dataErrorMessage { _ = try frame.renamingColumns(["title": "userId"]) } == "duplicate column name 'userId'")
    }

    @Test("gathering rows keeps missing values with their rows")
    func gathering() throws {
        let frame = try DataFrame([
            "i": .ints([10, nil, 30]), "d": .doubles([0.5, 1.5, nil]), "s": .strings([nil, "b", "c"]),
            "t": .timestamps([nil, 5, 6]),
        ])
        let gathered = frame.gatheringRows([2, 1, 1, 0])
        #expect(try cells(gathered, "i") == ["30", "∅", "∅", "10"])
        #expect(try cells(gathered, "d") == ["∅", "1.5", "1.5", "0.5"])
        #expect(try cells(gathered, "s") == ["c", "b", "b", "∅"])
        #expect(try cells(gathered, "t") == ["t6", "t5", "t5", "∅"])
        #expect(frame.head(2) == frame.gatheringRows([0, 1]))
        #expect(frame.tail(2) == frame.gatheringRows([1, 2]))
        #expect(frame.head(10) == frame)
    }

    @Test("converting integer seconds to timestamps, as pandas' to_datetime(unit='s')")
    func timestampConversion() throws {
        var frame = try DataFrame(["timestamp": .ints([964_982_703, nil]), "title": .strings(["a", "b"])])
        try frame.convertToTimestamps("timestamp")
        #expect(try frame.column("timestamp").type == .timestamp)
        #expect(try frame.column("timestamp").cell(0) == .timestamp(964_982_703))
        #expect(try frame.column("timestamp").isMissing(1))
        #expect(
            dataErrorMessage { try frame.convertToTimestamps("title") }
                == "column 'title' holds strings; expected integers or timestamps"
        )
    }

    @Test("equality treats missing values as equal, NaN included")
    func equality() throws {
        let a = try DataFrame(["x": .doubles([1, .nan]), "s": .strings(["a", nil])])
        let b = try DataFrame(["x": .doubles([1, nil]), "s": .strings(["a", nil])])
        #expect(a == b)
        #expect(a != (try DataFrame(["x": .doubles([1, 2]), "s": .strings(["a", nil])])))
        // Python compares strings by code point, so precomposed and decomposed "é" differ.
        #expect(Column.strings(["\u{E9}"]) != Column.strings(["e\u{301}"]))
    }
}
