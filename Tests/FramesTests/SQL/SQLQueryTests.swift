import Foundation
import Testing
@testable import Frames

/// Small tables whose query results are worked out by hand below.
private enum SQLFixtures {
    static let ratings: DataFrame = try! DataFrame([
        "userId": .ints([1, 1, 2, 2, 3]),
        "movieId": .ints([10, 20, 10, 30, 20]),
        "rating": .doubles([4.0, 3.5, 5.0, 2.0, nil]),
        "timestamp": .timestamps([964_982_703, 964_981_247, 1_445_714_994, nil, 1_445_714_996]),
    ])

    static let movies: DataFrame = try! DataFrame([
        "movieId": .ints([10, 20, 30]),
        "title": .strings(["Amélie (2001)", "Heat, \"The\" (1995)", nil]),
        "liked": .bools([true, false, nil]),
        "seen": .timestamps([0, nil, -86_400]),
        "budget": .doubles([1.5e6, nil, 0.25]),
        "rank": .ints([nil, 2, 3]),
    ])

    static let tables: [(name: String, frame: DataFrame)] = [("ratings", ratings), ("movies", movies)]

    static func run(_ query: String, limits: SQLLimits = SQLLimits()) throws -> DataFrame {
        try SQLQuery(query).run(over: tables, limits: limits)
    }

    static func error(_ query: String, limits: SQLLimits = SQLLimits()) -> SQLError? {
        do {
            _ = try run(query, limits: limits)
            return nil
        } catch {
            return error as? SQLError
        }
    }
}

@Suite struct SQLQueryTests {
    @Test func groupByAgainstHandComputedValues() throws {
        // Movie 10: ratings 4.0 and 5.0; movie 20: 3.5 and a missing one (AVG skips NULL,
        // COUNT(*) counts it); movie 30: 2.0.
        let result = try SQLFixtures.run("""
            SELECT movieId, COUNT(*) AS n, COUNT(rating) AS rated, AVG(rating) AS mean, SUM(rating) AS total
            FROM ratings GROUP BY movieId ORDER BY movieId
            """)
        let expected = try DataFrame([
            "movieId": .ints([10, 20, 30]),
            "n": .ints([2, 2, 1]),
            "rated": .ints([2, 1, 1]),
            "mean": .doubles([4.5, 3.5, 2.0]),
            "total": .doubles([9.0, 3.5, 2.0]),
        ])
        #expect(result == expected)
    }

    @Test func everyColumnTypeSurvivesTheRoundTrip() throws {
        // Unicode and quotes in strings, missing values of every type, negative timestamps.
        #expect(try SQLFixtures.run("SELECT * FROM movies") == SQLFixtures.movies)
        #expect(try SQLFixtures.run("SELECT * FROM ratings") == SQLFixtures.ratings)
    }

    @Test func aColumnThroughASubqueryOrJoinKeepsItsType() throws {
        let result = try SQLFixtures.run("""
            WITH recent AS (SELECT * FROM ratings WHERE timestamp > 1000000000)
            SELECT r.timestamp, m.liked, m.title FROM recent r JOIN movies m USING (movieId) ORDER BY r.timestamp
            """)
        // Rows 3 (movie 10) and 5 (movie 20) are after 2001; row 4's timestamp is missing.
        let expected = try DataFrame([
            "timestamp": .timestamps([1_445_714_994, 1_445_714_996]),
            "liked": .bools([true, false]),
            "title": .strings(["Amélie (2001)", "Heat, \"The\" (1995)"]),
        ])
        #expect(result == expected)
    }

    @Test func computedColumnsTakeTheNarrowestTypeOfTheirValues() throws {
        let scalars = try SQLFixtures.run("SELECT 1 AS a, 1.5 AS b, 'x' AS c, NULL AS d, 2.0 AS e")
        #expect(scalars == (try DataFrame([
            "a": .ints([1]), "b": .doubles([1.5]), "c": .strings(["x"]), "d": .doubles([nil]), "e": .doubles([2.0]),
        ])))
        #expect(try SQLFixtures.run("SELECT 1 AS v UNION ALL SELECT 2.5 UNION ALL SELECT NULL")
            == (try DataFrame(["v": .doubles([1, 2.5, nil])])))
        #expect(try SQLFixtures.run("SELECT 1 AS v UNION ALL SELECT 2.5 UNION ALL SELECT 'a' UNION ALL SELECT NULL")
            == (try DataFrame(["v": .strings(["1", "2.5", "a", nil])])))
        // An aggregate of timestamps is computed: it comes back as integers.
        #expect(try SQLFixtures.run("SELECT MIN(timestamp) AS first FROM ratings") == (try DataFrame(["first": .ints([964_981_247])])))
    }

    @Test func anEmptyResultKeepsTheDeclaredTypes() throws {
        let result = try SQLFixtures.run("SELECT title, liked, COUNT(*) OVER () AS n FROM movies WHERE 0")
        #expect(result.rowCount == 0)
        #expect(result.schema == TableSchema(["title": .string, "liked": .bool, "n": .double]))
    }

    @Test func theResultSchemaIsKnownBeforeRunningWhenEveryColumnIsDeclared() throws {
        let schemas = SQLFixtures.tables.map { (name: $0.name, schema: $0.frame.schema) }
        let straight = try SQLQuery("SELECT m.title, r.timestamp AS at FROM ratings r JOIN movies m USING (movieId)").resultSchema(over: schemas)
        #expect(straight == TableSchema(["title": .string, "at": .timestamp]))
        #expect(try SQLQuery("SELECT title, COUNT(*) AS n FROM movies").resultSchema(over: schemas) == nil)
        let columns = try SQLQuery("SELECT title, COUNT(*) AS n FROM movies").resultColumns(over: schemas)
        #expect(columns.map(\.name) == ["title", "n"])
        #expect(columns.map(\.type) == [.string, nil])
    }

    @Test func aTableNameMayNeedQuotes() throws {
        let tables: [(name: String, frame: DataFrame)] = [("split.train", SQLFixtures.ratings), ("genre \"means\"", SQLFixtures.movies)]
        let result = try SQLQuery("SELECT (SELECT COUNT(*) FROM \"split.train\") AS a, (SELECT COUNT(*) FROM [genre \"means\"]) AS b")
            .run(over: tables)
        #expect(result == (try DataFrame(["a": .ints([5]), "b": .ints([3])])))
    }

    @Test(arguments: [
        // Syntax errors point at the token SQLite stopped at (offsets in Unicode scalars).
        ("SELEC 1", "near \"SELEC\": syntax error", 0),
        ("SELECT 'é', ratng FROM ratings", "no such column: ratng; did you mean 'rating'?", 12),
        ("SELECT r.ratng FROM ratings r", "no such column: r.ratng; did you mean 'rating'?", 7),
        ("SELECT * FROM ratngs", "no such table: ratngs", 14),
        ("SELECT 1; SELECT 2", "a second statement starts here; the step runs one query (a single SELECT)", 10),
        ("-- nothing but a comment", "the query is empty; write a SELECT statement", 0),
        ("SELECT 1 AS a, 2 AS a", "the result has two columns named 'a'; name one of them apart with AS", nil),
        ("SELECT nosuchfunction(1)", "no such function: nosuchfunction", 7),
    ] as [(String, String, Int?)])
    func rejectedQueriesSayWhereAndWhy(query: String, message: String, offset: Int?) {
        let error = SQLFixtures.error(query)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test func anUnknownTableIsReportedByName() {
        #expect(SQLFixtures.error("SELECT * FROM ratngs")?.reason == .unknownTable("ratngs"))
    }

    @Test(arguments: [
        "DELETE FROM ratings", "INSERT INTO ratings VALUES (1, 2, 3.0, 4)", "CREATE TABLE t (x)",
        "DROP TABLE ratings", "PRAGMA table_info(ratings)", "BEGIN", "explain select 1",
        // A write after a WITH gets past the first word; SQLite's authorizer refuses it.
        "WITH c AS (SELECT 1) DELETE FROM ratings", "with c as (select 1) insert into ratings select 1, 2, 3.0, 4",
    ])
    func theQueryMayOnlyRead(query: String) {
        #expect(SQLFixtures.error(query)?.message
            == "the query may only read tables: write one SELECT (or WITH … SELECT, VALUES); statements that change or attach databases, and PRAGMAs, are refused")
    }

    @Test(arguments: ["SELECT load_extension('/nonexistent')", "SELECT fts3_tokenizer('simple')"])
    func functionsThatLoadCodeOrTakePointersAreRefused(query: String) {
        #expect(SQLFixtures.error(query)?.reason == .invalidQuery)
    }

    @Test func sortedScansKeepRowids() throws {
        // Sorted by the table (its keys have no missing values); rowids are the rows' places in it.
        let result = try SQLFixtures.run("SELECT rowid AS row, movieId, rating FROM ratings ORDER BY movieId DESC, userId")
        #expect(result == (try DataFrame([
            "row": .ints([3, 1, 4, 0, 2]), "movieId": .ints([30, 20, 20, 10, 10]), "rating": .doubles([2.0, 3.5, nil, 4.0, 5.0]),
        ])))
        // A key with missing values is left to SQLite, which puts NULL first.
        #expect(try SQLFixtures.run("SELECT rating FROM ratings ORDER BY rating").doubles("rating").first?.isNaN == true)
    }

    @Test func sortedScansOrderAsSQLiteDoes() throws {
        // Text by code point (SQLite's BINARY collation), booleans false first, descending keys.
        let words = try DataFrame([
            "word": .strings(["b", "é", "a", "B", "ä", "a"]), "flag": .bools([true, false, true, false, true, false]),
        ])
        let ordered = try SQLQuery("SELECT word, flag FROM words ORDER BY word, flag DESC").run(over: [("words", words)])
        #expect(ordered == (try DataFrame([
            "word": .strings(["B", "a", "a", "b", "ä", "é"]), "flag": .bools([false, true, false, true, true, false]),
        ])))
        let grouped = try SQLQuery("SELECT flag, COUNT(*) AS n, MIN(word) AS first FROM words GROUP BY flag").run(over: [("words", words)])
        #expect(grouped == (try DataFrame(["flag": .bools([false, true]), "n": .ints([3, 3]), "first": .strings(["B", "a"])])))
    }

    @Test func attachingADatabaseIsRefusedAndCreatesNoFile() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("other.db").path
        #expect(SQLFixtures.error("ATTACH DATABASE '\(file)' AS other")?.reason == .invalidQuery)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aBlobIsRefused() {
        #expect(SQLFixtures.error("SELECT x'00ff' AS b")?.message
            == "result column 'b' holds binary data (a BLOB), which a table cannot hold; convert it with hex() or CAST(… AS TEXT)")
    }

    @Test func aResultOverTheRowLimitIsRefused() throws {
        #expect(try SQLFixtures.run("SELECT * FROM ratings", limits: SQLLimits(maxRows: 5)).rowCount == 5)
        let error = SQLFixtures.error("SELECT * FROM ratings", limits: SQLLimits(maxRows: 4))
        #expect(error?.reason == .rowLimitExceeded)
        #expect(error?.message == "the result has more than 4 rows, the limit")
    }

    @Test func aQueryPastItsTimeBudgetIsInterrupted() {
        let clock = ContinuousClock()
        let start = clock.now
        let error = SQLFixtures.error(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT COUNT(*) FROM c",
            limits: SQLLimits(seconds: 0.2)
        )
        #expect(error?.reason == .timeBudgetExceeded)
        #expect(clock.now - start < .seconds(10))
    }

    @Test func aRunTimeErrorHasNoOffset() {
        // Integer overflow in SUM is found while running.
        let error = SQLFixtures.error("SELECT SUM(x) FROM (SELECT 9223372036854775807 AS x UNION ALL SELECT 1)")
        #expect(error == SQLError("integer overflow", reason: .failed))
    }
}
