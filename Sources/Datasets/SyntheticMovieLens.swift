import Foundation
import RecbookSupport

/// A synthetic MovieLens release in the ml-latest layout (movies.csv, ratings.csv, tags.csv,
/// links.csv) at any scale: the same bytes for the same size and seed.
///
/// Its shape follows the real releases closely enough to exercise what reads them at scale:
/// - movie popularity follows a power law (the most popular few percent of movies get most of
///   the ratings), and every user rates at least 20 movies, with a heavy tail of prolific raters;
/// - ratings are half stars from 0.5 to 5, drawn from a low-rank model (eight latent factors)
///   plus user and movie biases and noise, rounded and clipped;
/// - each user rates within a time window of their own (Unix seconds, 1996–2019), and rows come
///   sorted by user, then movie, as in the real files;
/// - movies have one to five of MovieLens' 19 genres (some `(no genres listed)`) and titles with a
///   year, some with commas, quotes or non-ASCII letters, so that RFC 4180 quoting is exercised;
/// - tags include commas, quotes, a line break and HTML markup (`<b>`, `&amp;`, `<script>`): the
///   data a test of hostile input needs;
/// - links.csv gives each movie a zero-padded imdbId and a tmdbId (a few missing).
///
/// Memory stays bounded: ratings and tags are written user by user as they are drawn; what is
/// held is per movie (factors and popularity) and per user (rating counts).
public struct SyntheticMovieLens: Sendable {
    /// How large a release to make.
    public struct Size: Sendable, Hashable {
        public var users: Int
        public var movies: Int
        public var ratings: Int
        public var tags: Int

        public init(users: Int, movies: Int, ratings: Int, tags: Int) {
            self.users = users
            self.movies = movies
            self.ratings = ratings
            self.tags = tags
        }

        /// ML-25M's counts.
        public static let ml25m = Size(users: 162_541, movies: 62_423, ratings: 25_000_095, tags: 1_093_360)

        /// ML-25M's proportions at `ratings` ratings: users, movies and tags scale with it (with at
        /// least one user, and enough movies for every user's ratings).
        public static func scaled(ratings: Int) -> Size {
            func scale(_ count: Int) -> Int {
                Int((Double(count) * Double(ratings) / Double(ml25m.ratings)).rounded())
            }
            let users = max(1, scale(ml25m.users))
            let movies = max(minimumRatingsPerUser, scale(ml25m.movies), (ratings + users - 1) / max(users, 1))
            return Size(users: users, movies: movies, ratings: ratings, tags: scale(ml25m.tags))
        }
    }

    /// Every user rates at least this many movies, as in the real releases.
    public static let minimumRatingsPerUser = 20
    /// The largest release this makes: two billion ratings (about 55 GB of CSV).
    public static let maximumRatings = 2_000_000_000
    /// At most ten million movies and a hundred million tags.
    public static let maximumMovies = 10_000_000
    public static let maximumTags = 100_000_000

    public let size: Size
    public let seed: UInt64

    /// - Throws: ``SyntheticDataError`` when the counts cannot be met (fewer than 20 ratings per
    ///   user, more ratings than user–movie pairs) or exceed the documented maxima.
    public init(size: Size, seed: UInt64) throws(SyntheticDataError) {
        if let problem = Self.problem(with: size) { throw SyntheticDataError(problem) }
        self.size = size
        self.seed = seed
    }

    private static func problem(with size: Size) -> String? {
        if size.users < 1 { return "users must be at least 1, got \(size.users)" }
        if size.movies < minimumRatingsPerUser {
            return "movies must be at least \(minimumRatingsPerUser) (every user rates \(minimumRatingsPerUser) movies), got \(size.movies)"
        }
        if size.movies > maximumMovies { return "movies must be at most \(maximumMovies), got \(size.movies)" }
        if size.ratings > maximumRatings { return "ratings must be at most \(maximumRatings), got \(size.ratings)" }
        if size.tags < 0 || size.tags > maximumTags { return "tags must be in 0…\(maximumTags), got \(size.tags)" }
        let (least, overflow) = size.users.multipliedReportingOverflow(by: minimumRatingsPerUser)
        if overflow || size.ratings < least {
            return "ratings must be at least \(minimumRatingsPerUser) per user (\(minimumRatingsPerUser) × \(size.users) users), got \(size.ratings)"
        }
        let (pairs, pairsOverflow) = size.users.multipliedReportingOverflow(by: size.movies)
        if !pairsOverflow, size.ratings > pairs {
            return "ratings must be at most one per user and movie (\(size.users) users × \(size.movies) movies = \(pairs)), got \(size.ratings)"
        }
        return nil
    }

    /// One file written: its name, its rows (without the header) and its size in bytes.
    public struct WrittenFile: Sendable, Hashable {
        public var name: String
        public var rows: Int
        public var bytes: Int
    }

    /// Writes the release into `directory` (created if needed), each file to a temporary name
    /// first and renamed into place when complete.
    ///
    /// - Returns: the files written, in the order movies, links, ratings, tags.
    /// - Throws: any file-system error.
    /// - Complexity: O(ratings + tags + movies × log movies) time; memory O(users + movies).
    public func write(to directory: URL) throws -> [WrittenFile] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let catalogue = SyntheticCatalogue(movies: size.movies, seed: SeededGenerator.derive(seed, "movies"))
        let people = SyntheticPeople(users: size.users, seed: SeededGenerator.derive(seed, "users"))
        var written: [WrittenFile] = []
        written.append(try CSVFileWriter.write("movies.csv", in: directory, header: "movieId,title,genres") { writer in
            catalogue.writeMovies(to: &writer)
        })
        written.append(try CSVFileWriter.write("links.csv", in: directory, header: "movieId,imdbId,tmdbId") { writer in
            catalogue.writeLinks(to: &writer, seed: SeededGenerator.derive(seed, "links"))
        })
        written.append(try CSVFileWriter.write("ratings.csv", in: directory, header: "userId,movieId,rating,timestamp") { writer in
            var ratings = SyntheticRatings(catalogue: catalogue, people: people, total: size.ratings)
            ratings.write(to: &writer)
        })
        written.append(try CSVFileWriter.write("tags.csv", in: directory, header: "userId,movieId,tag,timestamp") { writer in
            let tags = SyntheticTags(catalogue: catalogue, people: people, total: size.tags)
            tags.write(to: &writer)
        })
        return written
    }
}

/// Counts that no release can have.
public struct SyntheticDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
