import Learning
import NotebookCore
import TableSteps
import RecbookSupport

/// A fitted model as the `recommend` and `evaluate` steps see it: it knows its users and movies
/// (external ids at the edges, dense indices inside), predicts ratings, and scores the whole
/// catalogue for a user.
public protocol RecommenderModel: NotebookValue {
    /// A short name for headings and tables: "SVD (k=50)".
    var displayName: String { get }
    var users: IdVocabulary { get }
    var movies: IdVocabulary { get }
    /// The predicted rating of a known user for a known movie.
    func predict(user: Int, movie: Int) -> Double
    /// A score for every movie (index order) for ranking; for rating models, the predictions.
    func scores(forUser user: Int) -> [Double]
    /// The movies the user rated in the data the model was fitted on.
    func trainingMovies(ofUser user: Int) -> [Int]
    /// Predictions for many (user, movie) pairs at once; models override it to batch the work.
    func predict(users: [Int], movies: [Int]) throws -> [Double]
    /// Scores for several users at once (rows in `users` order); models override it to batch
    /// the work through BLAS.
    func scores(forUsers users: [Int]) throws -> [[Double]]
    /// The movies it can recommend: those in its training data.
    var catalogue: [Int] { get }
    /// Whether `predict` gives ratings (ranking-only models such as popularity and EASE don't).
    var predictsRatings: Bool { get }
}

extension RecommenderModel {
    public func predict(users: [Int], movies: [Int]) throws -> [Double] {
        zip(users, movies).map { predict(user: $0, movie: $1) }
    }

    public func scores(forUsers users: [Int]) throws -> [[Double]] {
        users.map { scores(forUser: $0) }
    }

    public var catalogue: [Int] { Array(0..<movies.count) }
    public var predictsRatings: Bool { true }
}

/// Which movies each user rated in a model's training data, as compact sorted index lists.
public struct UserHistory: Sendable, Equatable, BinaryCodable {
    private var offsets: [Int]
    private var movies: [Int]

    /// - Parameters:
    ///   - users, movies: dense indices, one pair per training rating.
    public init(userCount: Int, users: [Int], movies: [Int]) {
        var buckets = [[Int]](repeating: [], count: userCount)
        for (user, movie) in zip(users, movies) where user >= 0 && user < userCount { buckets[user].append(movie) }
        offsets = [0]
        self.movies = []
        for bucket in buckets {
            self.movies += Set(bucket).sorted()
            offsets.append(self.movies.count)
        }
    }

    public func movies(ofUser user: Int) -> [Int] {
        guard user >= 0, user + 1 < offsets.count else { return [] }
        return Array(movies[offsets[user]..<offsets[user + 1]])
    }

    public func encode(to writer: inout BinaryWriter) {
        writer.writeArray(offsets)
        writer.writeArray(movies)
    }

    public init(from reader: inout BinaryReader) throws {
        offsets = try reader.readArray(Int.self)
        movies = try reader.readArray(Int.self)
        guard offsets.first == 0, offsets.last == movies.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            throw BinaryDecodingError.invalid("user history offsets")
        }
    }
}

/// A model that has learned a vector per movie, for "similar to movies you liked" explanations.
public protocol EmbeddingModel {
    /// Every movie's vector, row after row (movie-index order), and the vectors' width.
    var movieEmbeddings: (width: Int, values: [Float]) { get }
}
