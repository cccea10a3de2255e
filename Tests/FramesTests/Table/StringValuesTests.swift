import Foundation
import RecbookSupport
import Testing
@testable import Frames

/// Dictionary-encoded string columns: a gather that repeats strings keeps codes instead of copies,
/// and every verb gives the same table as it does on plain strings.
@Suite struct StringValuesTests {
    /// Three movies joined onto enough ratings (over 65,536, and over 4 per movie) that the join
    /// encodes the titles and genres.
    static func joined(how kind: JoinKind = .inner) throws -> (ratings: DataFrame, movies: DataFrame, joined: DataFrame) {
        let movies = try DataFrame(names: ["movieId", "title", "genres"], columns: [
            .ints([1, 2, 3]),
            .strings(["Amélie (2001)", "Heat (1995), a long title over fifteen bytes", "Toy Story (1995)"]),
            .strings(["Comedy|Romance", "Action|Crime|Thriller", ""]),
        ])
        let rowCount = 100_000
        // Movie ids cycle 1, 2, 3, 4 (4 has no movie: an unmatched row for a left join).
        let ratings = try DataFrame(names: ["movieId", "rating"], columns: [
            .ints((0..<rowCount).map { $0 % 4 + 1 }),
            .doubles((0..<rowCount).map { Double($0 % 10) / 2 + 0.5 }),
        ])
        return (ratings, movies, try ratings.joined(with: movies, on: ["movieId"], how: kind))
    }

    @Test func aJoinOfASmallTableOntoALargeOneIsDictionaryEncoded() throws {
        let (ratings, movies, joined) = try Self.joined()
        #expect(joined.rowCount == 75_000)
        guard case let .string(titles) = try joined.column("title").values else { Issue.record("not strings"); return }
        #expect(titles.encoded.codes != nil, "the titles are kept as codes")
        // Every row reads the string of its movie.
        let ids = try joined.ints("movieId")
        let movieTitles = try movies.strings("title")
        #expect(ids.indices.allSatisfy { titles[$0] == movieTitles[ids[$0] - 1] })
        // The same join on a table too small to encode gives the same rows.
        let small = try ratings.gatheringRows(Array(0..<400)).joined(with: movies, on: ["movieId"])
        guard case let .string(plain) = try small.column("title").values else { return }
        #expect(plain.encoded.codes == nil)
        #expect(Array(plain) == Array(titles.prefix(300)))
    }

    @Test func aLeftJoinMarksUnmatchedRowsMissing() throws {
        let (_, _, joined) = try Self.joined(how: .left)
        #expect(joined.rowCount == 100_000)
        let title = try joined.column("title")
        #expect(title.isMissing(3) && !title.isMissing(0))
        #expect(title.missingCount == 25_000)
        #expect(title.cell(3) == .missing && title.cell(0) == .string("Amélie (2001)"))
    }

    @Test func verbsGiveTheSameResultOnEncodedAndPlainStrings() throws {
        let (_, _, joined) = try Self.joined(how: .left)
        // The same table with its strings copied out, one per row.
        var plain = joined
        for name in ["title", "genres"] {
            let column = try joined.column(name)
            guard case let .string(values) = column.values else { continue }
            try plain.setColumn(name, .make(.string(values.array), missing: column.missingRows))
        }
        func same(_ a: DataFrame, _ b: DataFrame) throws -> Bool {
            guard a.columnNames == b.columnNames, a.rowCount == b.rowCount else { return false }
            for name in a.columnNames {
                let x = try a.column(name), y = try b.column(name)
                guard (0..<a.rowCount).allSatisfy({ x.cell($0) == y.cell($0) }) else { return false }
            }
            return true
        }
        // Explode splits each distinct string once; the empty genres and unmatched rows give a missing genre.
        let explodedEncoded = try joined.exploded("genres", separator: "|")
        let explodedPlain = try plain.exploded("genres", separator: "|")
        #expect(try same(explodedEncoded, explodedPlain))
        #expect(explodedEncoded.rowCount == 25_000 * (2 + 3 + 1 + 1))
        // Grouping, sorting and distinct rank the dictionary instead of the rows.
        let aggregates = [("ratings", Aggregate(.count)), ("mean", Aggregate(.mean, "rating"))]
        let byGenre = try explodedEncoded.aggregated(by: ["genres"], aggregates)
        #expect(try same(byGenre, try explodedPlain.aggregated(by: ["genres"], aggregates)))
        #expect(try byGenre.strings("genres") == ["Action", "Comedy", "Crime", "Romance", "Thriller"])
        #expect(try same(try joined.sorted(by: [SortKey("title", ascending: false), "rating"]),
                         try plain.sorted(by: [SortKey("title", ascending: false), "rating"])))
        #expect(try same(try joined.distinctRows(over: ["title"]), try plain.distinctRows(over: ["title"])))
        let condition = try Expression(parsing: "contains(title, 'Heat') and rating > 4").checkedCondition(against: joined.schema)
        #expect(try same(try joined.filtered(by: condition), try plain.filtered(by: condition)))
    }

    @Test func anEncodedTableRoundTripsThroughTheCacheFormat() throws {
        let (_, _, joined) = try Self.joined(how: .left)
        var writer = BinaryWriter()
        joined.encode(to: &writer)
        var reader = BinaryReader(writer.data)
        let decoded = try DataFrame(from: &reader)
        guard case let .string(titles) = try decoded.column("title").values else { Issue.record("not strings"); return }
        #expect(titles.encoded.codes != nil, "the codes are stored, not 100,000 strings")
        #expect(try decoded.column("title").missingCount == 25_000)
        #expect((0..<decoded.rowCount).allSatisfy { try! decoded.column("title").cell($0) == joined.column("title").cell($0) })
    }

    @Test func aDamagedCodeIsRefused() throws {
        let table = try DataFrame(names: ["s"], columns: [.make(.string(StringValues(codes: [0, 1], dictionary: ["a", "b"])), missing: nil)])
        var writer = BinaryWriter()
        table.encode(to: &writer)
        var bytes = [UInt8](writer.data)
        // The second code (1, little-endian) sits just before the dictionary; make it 7.
        let codeStart = try #require((0..<(bytes.count - 8)).first { bytes[$0..<($0 + 8)] == [0, 0, 0, 0, 1, 0, 0, 0] })
        bytes[codeStart + 4] = 7
        var reader = BinaryReader(Data(bytes))
        #expect(throws: BinaryDecodingError.self) { try DataFrame(from: &reader) }
    }
}
