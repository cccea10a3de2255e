import Frames
import NotebookCore
import RecbookSupport

/// Top-N recommendations for one user, printed as the original prints them.
struct RecommendStep: Step {
    static let name = "recommend"
    static let category = "Recommendation"
    static let summary = "Recommend the top N movies a user has not rated, with an explanation."
    static let discussion = """
    Ranks every movie the model knows, leaving out those the user rated in the model's training \
    data (or, with `exclude: all`, anywhere in `ratings`), and prints each as the original did: \
    title, predicted rating, reason, and an Info line counting the movie's ratings in `ratings` \
    with their average.
    """
    static let example = "model: svd\nuser: 1\nn: 5\nmovies: movies\nratings: ratings"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .parameter(\.user, "user", doc: "The user's id.", required: true),
        .parameter(\.count, "n", doc: "How many movies to recommend.", .atLeast(1)),
        .input(\.movies, "movies", kind: .table, doc: "The movies table, for titles."),
        .input(\.ratings, "ratings", kind: .table, doc: "All ratings, for the Info line."),
        .parameter(\.exclude, "exclude", doc: "'training' leaves out what the user rated in the model's training data; 'all' what they rated anywhere in `ratings`."),
        .parameter(\.explain, "explain", doc: "'original' prints the SVD's generic reason line; 'similar-liked' names the movies the user rated at least `liked` that are nearest to the recommendation in the model's learned movie-embedding space; 'original-mixup' reproduces the original DNN's faulty reason (neighbours of the recommendation among all movies, titles looked up by position with encoder indices), for comparison."),
        .parameter(\.liked, "liked", doc: "similar-liked: the lowest rating that counts as liked.", .inRange(0.0...10.0)),
        .parameter(\.reasons, "reasons", doc: "similar-liked: how many liked movies to name.", .atLeast(1)),
        .parameter(\.title, "title", doc: "The heading line; {n} and {user} are replaced."),
        .parameter(\.info, "info", doc: "Print the Info line (the movie's number of ratings and their average)."),
        .parameter(\.minimumRatings, "min_ratings", doc: "Only recommend movies with at least this many ratings in `ratings` (0 for no floor).", .atLeast(0)),
    ]

    enum Exclusion: String, ChoiceParameter { case training, all }
    enum Explanation: String, ChoiceParameter { case original, similarLiked = "similar-liked", originalMixup = "original-mixup" }

    var model = ValueRef()
    var user = 0
    var count = 5
    var movies = ValueRef()
    var ratings = ValueRef()
    var exclude: Exclusion = .training
    var explain: Explanation = .original
    var liked = 4.0
    var reasons = 5
    var title = "Top {n} recommendations for User {user}:"
    var info = true
    var minimumRatings = 0

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: (any RecommenderModel).self)
        let movieTable = try context.frame(movies)
        let ratingTable = try context.frame(ratings)

        context.print(title.replacingOccurrences(of: "{n}", with: String(count)).replacingOccurrences(of: "{user}", with: String(user)))
        guard let userIndex = fitted.users.index(of: user) else {
            context.print("User \(user) not in training set. (Cold-start user)")
            return nil
        }
        var excluded = Set(fitted.trainingMovies(ofUser: userIndex))
        let ratedUsers = try ratingTable.ints("userId")
        let ratedMovies = try ratingTable.ints("movieId")
        let ratingValues = try ratingTable.doubles("rating")
        if exclude == .all {
            for row in ratedUsers.indices where ratedUsers[row] == user {
                if let index = fitted.movies.index(of: ratedMovies[row]) { excluded.insert(index) }
            }
        }
        var statistics: [Int: (count: Int, sum: Double)] = [:]
        for row in ratedMovies.indices {
            statistics[ratedMovies[row], default: (0, 0)].count += 1
            statistics[ratedMovies[row], default: (0, 0)].sum += ratingValues[row]
        }
        if minimumRatings > 0 {
            for index in 0..<fitted.movies.count where (statistics[fitted.movies.id(at: index)]?.count ?? 0) < minimumRatings {
                excluded.insert(index)
            }
        }
        let scores = fitted.scores(forUser: userIndex)
        let ranked = Ranking.top(count, of: scores, excluding: excluded)

        let movieIdsInOrder = try movieTable.ints("movieId")
        let titlesInOrder = try movieTable.strings("title")
        let titles = Dictionary(zip(movieIdsInOrder, titlesInOrder), uniquingKeysWith: { first, _ in first })
        // Embeddings are read once: a network copies its weights out on every access.
        let embeddingModel = (fitted as? any EmbeddingModel).map(CachedEmbeddings.init)
        var likedMovies: [(index: Int, rating: Double)] = []
        if explain != .original, embeddingModel == nil {
            throw StepError("explain '\(explain.rawValue)' needs a model with learned movie embeddings; \(fitted.displayName) has none")
        }
        if explain == .similarLiked {
            for row in ratedUsers.indices where ratedUsers[row] == user && ratingValues[row] >= liked {
                if let index = fitted.movies.index(of: ratedMovies[row]) { likedMovies.append((index, ratingValues[row])) }
            }
        }
        for index in ranked {
            let movieId = fitted.movies.id(at: index)
            let title = titles[movieId] ?? "movie \(movieId)"
            context.print("Recommended: \"\(title)\" | Predicted Rating: \(Format.fixed(scores[index], 2))★")
            switch explain {
            case .original:
                context.print("  Reason: Based on patterns learned from your past ratings and similar users/items.")
            case .similarLiked:
                guard let embeddingModel else { break }
                let nearest = Self.nearest(to: index, among: likedMovies.map(\.index), in: embeddingModel, count: reasons)
                if nearest.isEmpty {
                    context.print("  Reason: You have rated no movie \(Format.shortest(liked))★ or higher that the model knows.")
                } else {
                    let names = nearest.map { Self.pythonRepr(titles[fitted.movies.id(at: $0)] ?? "movie \(fitted.movies.id(at: $0))") }
                    context.print("  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]")
                }
            case .originalMixup:
                guard let embeddingModel else { break }
                // The original: the five nearest of all movies (after the nearest, taken to be
                // the movie itself), their encoder indices then used as row positions in `movies`.
                let neighbours = Self.nearest(to: index, among: Array(0..<fitted.movies.count), in: embeddingModel, count: 5)
                let names = neighbours.map { position in
                    Self.pythonRepr(position < titlesInOrder.count ? titlesInOrder[position] : "row \(position)")
                }
                context.print("  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]")
            }
            guard info else {
                context.print()
                continue
            }
            if let stats = statistics[movieId], stats.count > 0 {
                context.print("  (Info: \(stats.count) total ratings; average \(Format.fixed(stats.sum / Double(stats.count), 2))★.)")
            } else {
                context.print("  (Info: No existing ratings available for this movie.)")
            }
            context.print()
        }
        return nil
    }
}

extension RecommendStep {
    /// The `count` candidates most similar (cosine) to `movie` in the model's embedding space.
    static func nearest(to movie: Int, among candidates: [Int], in model: any EmbeddingModel, count: Int) -> [Int] {
        let (width, values) = model.movieEmbeddings
        guard width > 0, (movie + 1) * width <= values.count else { return [] }
        func cosine(_ a: Int, _ b: Int) -> Double {
            var dot = 0.0, normA = 0.0, normB = 0.0
            for offset in 0..<width {
                let x = Double(values[a * width + offset]), y = Double(values[b * width + offset])
                dot += x * y
                normA += x * x
                normB += y * y
            }
            return normA > 0 && normB > 0 ? dot / (normA.squareRoot() * normB.squareRoot()) : 0
        }
        let similarities = candidates
            .filter { $0 != movie && ($0 + 1) * width <= values.count }
            .map { ($0, cosine(movie, $0)) }
        return similarities.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count).map(\.0)
    }

    /// A string as Python's `repr` writes it inside a printed list: single quotes, unless the
    /// text holds a single quote and no double quote.
    static func pythonRepr(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var result = String(quote)
        for character in text {
            if character == "\\" || character == quote { result.append("\\") }
            result.append(character)
        }
        result.append(quote)
        return result
    }
}

/// A model's embeddings, read once.
struct CachedEmbeddings: EmbeddingModel {
    let movieEmbeddings: (width: Int, values: [Float])
    init(_ model: any EmbeddingModel) { movieEmbeddings = model.movieEmbeddings }
}

/// Ranking helpers shared by the steps.
enum Ranking {
    /// The indices of the `count` highest scores, best first, skipping `excluded` and NaN;
    /// equal scores keep index order.
    static func top(_ count: Int, of scores: [Double], excluding excluded: Set<Int> = []) -> [Int] {
        scores.indices
            .filter { !excluded.contains($0) && !scores[$0].isNaN }
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            .prefix(count)
            .map { $0 }
    }
}
