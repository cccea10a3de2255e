import Testing
@testable import Frames

@Suite("Explode")
struct ReshapingTests {
    static func movies() throws -> DataFrame {
        try DataFrame(["id": .ints([1, 2, 3, 4, 5]), "genres": .strings(["A|B", "", nil, " C | D ||", "Drame|Comédie"])])
    }

    @Test("one row per part, other columns repeated; empty and missing give one missing row")
    func parts() throws {
        // s.assign(genres=s.genres.str.split('|')).explode('genres'): id 1 1 2 3 4 4 4 4 5 5;
        // genres A, B, (pandas: ''; recbook: missing), NaN, ' C ', ' D ', '', '', Drame, Comédie
        let exploded = try Self.movies().exploded("genres", separator: "|")
        #expect(try exploded.ints("id") == [1, 1, 2, 3, 4, 4, 4, 4, 5, 5])
        #expect(try cells(exploded, "genres") == ["A", "B", "∅", "∅", " C ", " D ", "", "", "Drame", "Comédie"])
        let trimmed = try Self.movies().exploded("genres", separator: "|", into: "genre", trim: true)
        #expect(trimmed.columnNames == ["id", "genres", "genre"])
        #expect(try cells(trimmed, "genre") == ["A", "B", "∅", "∅", "C", "D", "", "", "Drame", "Comédie"])
        #expect(try cells(trimmed, "genres")[4] == " C | D ||")
    }

    @Test("a separator of several characters, and errors")
    func separators() throws {
        let frame = try DataFrame(["s": .strings(["a::b:c", "::"]), "n": .doubles([1, 2])])
        #expect(try cells(frame.exploded("s", separator: "::"), "s") == ["a", "b:c", "", ""])
        #expect(dataErrorMessage { _ = try frame.exploded("n", separator: "|") } == "column 'n' holds numbers; expected strings")
        #expect(dataErrorMessage { _ = try frame.exploded("s", separator: "") } == "the separator to split at is empty")
        #expect(dataErrorMessage { _ = try frame.exploded("s", separator: "|", into: "n") } == "duplicate column name 'n'")
    }
}
