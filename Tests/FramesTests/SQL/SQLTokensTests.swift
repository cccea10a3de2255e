import Testing
@testable import Frames

@Suite struct SQLTokensTests {
    @Test(arguments: [
        ("SELECT genre, COUNT(*) FROM genre_ratings", ["SELECT", "genre", "COUNT", "FROM", "genre_ratings"]),
        // String literals (with doubled quotes) and blob literals hold no names.
        ("SELECT * FROM movies WHERE title = 'ratings' OR title = 'it''s ratings'", ["SELECT", "FROM", "movies", "WHERE", "title", "OR", "title"]),
        ("SELECT x'00ff', X'AB' FROM t", ["SELECT", "FROM", "t"]),
        // Comments are skipped, to the end of the line or the closing mark.
        ("SELECT a -- FROM ratings\nFROM t /* JOIN movies */ JOIN u", ["SELECT", "a", "FROM", "t", "JOIN", "u"]),
        // Quoted names are names, their quotes removed and doubled quotes undone.
        ("SELECT \"a \"\"b\"\"\" FROM [genre means] JOIN `split.train`", ["SELECT", "a \"b\"", "FROM", "genre means", "JOIN", "split.train"]),
        // Numbers, exponents, hex and bound parameters hold no names.
        ("SELECT 1e5, 0x1F, .5, ?1, :name, @other, $third FROM t", ["SELECT", "FROM", "t"]),
        // Non-ASCII letters belong to names, as in SQLite.
        ("SELECT café FROM été", ["SELECT", "café", "FROM", "été"]),
        // An unterminated literal or comment runs to the end.
        ("SELECT 'open FROM ratings", ["SELECT"]),
        ("SELECT a /* open FROM ratings", ["SELECT", "a"]),
    ])
    func namesAreFoundOutsideLiteralsAndComments(query: String, expected: [String]) {
        #expect(SQLQuery(query).names.map(\.name) == expected)
    }

    @Test func offsetsCountUnicodeScalars() {
        let names = SQLQuery("SELECT 'é', \"ratng\"\nFROM r").names
        #expect(names.map(\.offset) == [0, 12, 20, 25])
    }

    @Test func semicolonsAreTheirOwnTokens() {
        let kinds = sqlTokens("SELECT 1; ;").map(\.kind)
        #expect(kinds == [.name, .other, .semicolon, .semicolon])
    }
}
