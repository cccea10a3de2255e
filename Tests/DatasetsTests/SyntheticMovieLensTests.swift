import Foundation
import Frames
import RecbookSupport
import Testing
@testable import Datasets

/// A generated release in a temporary directory, read back through recbook's own readers.
private final class GeneratedRelease {
    let directory: URL
    let files: [SyntheticMovieLens.WrittenFile]

    init(_ size: SyntheticMovieLens.Size, seed: UInt64) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString)")
        files = try SyntheticMovieLens(size: size, seed: seed).write(to: directory)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func load(_ table: MovieLens.Table) throws -> DataFrame {
        try MovieLens(directory: directory).load(table).frame
    }

    func links() throws -> DataFrame {
        try CSVReader().read(
            contentsOf: directory.appendingPathComponent("links.csv"),
            columns: [CSVColumn("movieId", .int), CSVColumn("imdbId", .string), CSVColumn("tmdbId", .int)]
        )
    }

    /// The first three lines of `name`.
    func head(_ name: String) throws -> String {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", maxSplits: 3).prefix(3).joined(separator: "\n")
    }

    func digest(_ name: String) throws -> String {
        try Digest.sha256(fileAt: directory.appendingPathComponent(name))
    }
}

@Suite struct SyntheticMovieLensTests {
    private static let size = SyntheticMovieLens.Size(users: 60, movies: 500, ratings: 6_000, tags: 400)

    @Test func theFilesParseBackWithTheRequestedCounts() throws {
        let release = try GeneratedRelease(Self.size, seed: 7)
        #expect(release.files.map(\.name) == ["movies.csv", "links.csv", "ratings.csv", "tags.csv"])
        #expect(release.files.map(\.rows) == [500, 500, 6_000, 400])
        #expect(try release.load(.movies).rowCount == 500)
        #expect(try release.load(.ratings).rowCount == 6_000)
        #expect(try release.load(.tags).rowCount == 400)
        #expect(try release.links().rowCount == 500)
        // Each file's size is what was reported.
        for file in release.files {
            let attributes = try FileManager.default.attributesOfItem(atPath: release.directory.appendingPathComponent(file.name).path)
            #expect((attributes[.size] as? Int) == file.bytes)
        }
    }

    @Test func everyUserRatesAtLeastTwentyDistinctMoviesInOrder() throws {
        let release = try GeneratedRelease(Self.size, seed: 7)
        let ratings = try release.load(.ratings)
        let users = try ratings.ints("userId"), movies = try ratings.ints("movieId")
        var perUser: [Int: Int] = [:]
        for user in users { perUser[user, default: 0] += 1 }
        #expect(perUser.keys.sorted() == Array(1...60))
        #expect(perUser.values.allSatisfy { $0 >= 20 })
        // Sorted by user, then movie, with no movie twice for a user.
        #expect(zip(zip(users, movies), zip(users, movies).dropFirst()).allSatisfy { $0 < $1 })
        let catalogue = Set(try release.load(.movies).ints("movieId"))
        #expect(movies.allSatisfy(catalogue.contains))
    }

    @Test func ratingsAreHalfStarsAndTimesFallIn1996To2019() throws {
        let ratings = try GeneratedRelease(Self.size, seed: 7).load(.ratings)
        let stars = try ratings.doubles("rating")
        #expect(stars.allSatisfy { (0.5...5).contains($0) && ($0 * 2).rounded() == $0 * 2 })
        #expect(Set(stars).count == 10)
        let mean = stars.reduce(0, +) / Double(stars.count)
        #expect((3.0...4.0).contains(mean))
        let seconds = try ratings.ints("timestamp")
        #expect(seconds.allSatisfy { (820_454_400...1_577_836_799).contains($0) })
    }

    @Test func popularityIsSkewed() throws {
        // 25 ratings per user over 2,000 movies, so that no user exhausts the popular ones.
        let release = try GeneratedRelease(SyntheticMovieLens.Size(users: 200, movies: 2_000, ratings: 5_000, tags: 0), seed: 7)
        let movies = try release.load(.ratings).ints("movieId")
        var counts = Dictionary(uniqueKeysWithValues: try release.load(.movies).ints("movieId").map { ($0, 0) })
        for movie in movies { counts[movie, default: 0] += 1 }
        let descending = counts.values.sorted(by: >)
        // The top tenth of the catalogue holds over a third of the ratings (about 60 % by the
        // power law), where a uniform draw would give it a tenth; the median movie has next to none.
        #expect(Double(descending.prefix(200).reduce(0, +)) > Double(movies.count) / 3)
        #expect(descending[0] > 10 * max(1, descending[descending.count / 2]))
    }

    @Test func moviesHaveYearsGenresAndTextThatNeedsQuoting() throws {
        let release = try GeneratedRelease(Self.size, seed: 7)
        let movies = try release.load(.movies)
        let ids = try movies.ints("movieId")
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        let titles = try movies.strings("title")
        let year = /\((19\d\d|20[01]\d)\)$/
        #expect(titles.allSatisfy { $0.firstMatch(of: year) != nil })
        #expect(titles.contains { $0.contains(",") })
        #expect(titles.contains { $0.contains("\"") })
        #expect(titles.contains { !$0.unicodeScalars.allSatisfy(\.isASCII) })
        let names = Set(MovieText.genres.map(\.name))
        for genres in try movies.strings("genres") where genres != "(no genres listed)" {
            let parts = genres.split(separator: "|").map(String.init)
            #expect((1...5).contains(parts.count) && parts == parts.sorted() && Set(parts).count == parts.count)
            #expect(parts.allSatisfy(names.contains), "\(genres)")
        }
        #expect(try movies.strings("genres").contains("(no genres listed)"))
        let links = try release.links()
        #expect(try links.ints("movieId") == ids)
        #expect(try links.strings("imdbId").allSatisfy { $0.count == 7 && $0.allSatisfy(\.isNumber) })
    }

    @Test func tagsHoldHostileText() throws {
        let tags = try GeneratedRelease(Self.size, seed: 7).load(.tags).strings("tag")
        for marker in [",", "\"", "<b>", "&amp;", "<script>", "\n"] {
            #expect(tags.contains { $0.contains(marker) }, "no tag holds \(marker.debugDescription)")
        }
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        // Digests of this exact release; any change to what is generated changes them.
        let release = try GeneratedRelease(SyntheticMovieLens.Size(users: 30, movies: 200, ratings: 1_500, tags: 100), seed: 1)
        #expect(try release.digest("movies.csv") == "6165ebe7dfd2847f92c796e3bae8352fb6c21fd1a5ed37ed38ecdc48cf0a0c4e")
        #expect(try release.digest("links.csv") == "785f1392d08d01a0630555094f921a8458138d15e99d07d59d15537a89176c8a")
        #expect(try release.digest("ratings.csv") == "b1132778c71b09b6dde395edf3bcb069689dccb36cd1e3f7db1d69eee950deae")
        #expect(try release.digest("tags.csv") == "8ebc6f705651d1f1ef538b107be1f8e2a1edf76849e05330c638905640a59506")
        // The same, readably: each file's first rows.
        #expect(try release.head("movies.csv") == "movieId,title,genres\n1,Straße Stranger (1979),Sci-Fi\n2,Electric Detective (1995),Comedy|Crime")
        #expect(try release.head("ratings.csv") == "userId,movieId,rating,timestamp\n1,4,3.0,1314522609\n1,26,3.0,1314504042")
        #expect(try release.head("links.csv") == "movieId,imdbId,tmdbId\n1,0010043,281715\n2,0010064,58838")
        #expect(try release.head("tags.csv") == "userId,movieId,tag,timestamp\n2,3,endless signal,901844917\n2,3,revenge,901846437")
        let other = try GeneratedRelease(SyntheticMovieLens.Size(users: 30, movies: 200, ratings: 1_500, tags: 100), seed: 2)
        #expect(try other.digest("ratings.csv") != release.digest("ratings.csv"))
    }

    @Test func defaultsScaleFromML25M() {
        #expect(SyntheticMovieLens.Size.scaled(ratings: 25_000_095) == .ml25m)
        // 162,541 × 10⁶ / 25,000,095 = 6,501.6 users; 62,423 × … = 2,496.9 movies; 1,093,360 × … = 43,734.2 tags.
        #expect(SyntheticMovieLens.Size.scaled(ratings: 1_000_000) == .init(users: 6_502, movies: 2_497, ratings: 1_000_000, tags: 43_734))
        // At 5,000 ratings the 33 users need 152 movies to rate 5,000 distinct pairs.
        #expect(SyntheticMovieLens.Size.scaled(ratings: 5_000) == .init(users: 33, movies: 152, ratings: 5_000, tags: 219))
    }

    @Test(arguments: [
        (SyntheticMovieLens.Size(users: 10, movies: 100, ratings: 199, tags: 0), "ratings must be at least 20 per user (20 × 10 users), got 199"),
        (SyntheticMovieLens.Size(users: 10, movies: 25, ratings: 300, tags: 0), "ratings must be at most one per user and movie (10 users × 25 movies = 250), got 300"),
        (SyntheticMovieLens.Size(users: 0, movies: 25, ratings: 300, tags: 0), "users must be at least 1, got 0"),
        (SyntheticMovieLens.Size(users: 1, movies: 19, ratings: 19, tags: 0), "movies must be at least 20 (every user rates 20 movies), got 19"),
        (SyntheticMovieLens.Size(users: 1, movies: 20, ratings: 20, tags: -1), "tags must be in 0…100000000, got -1"),
    ])
    func impossibleCountsAreRefused(size: SyntheticMovieLens.Size, message: String) {
        #expect(throws: SyntheticDataError(message)) { try SyntheticMovieLens(size: size, seed: 1) }
    }

    @Test func everyMovieCanBeRatedByEveryone() throws {
        // Each user rates the whole catalogue: the sampler must take every movie.
        let release = try GeneratedRelease(SyntheticMovieLens.Size(users: 3, movies: 20, ratings: 60, tags: 5), seed: 3)
        let ratings = try release.load(.ratings)
        #expect(try ratings.ints("movieId") == Array(repeating: try release.load(.movies).ints("movieId"), count: 3).flatMap { $0 })
    }
}
