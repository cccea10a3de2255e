import Foundation
import Frames
import Learning
import NotebookCore
import TableSteps
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
    A user the model has never seen can be given as a handful of ratings (`given`, or \
    `given_file` with movieId and rating columns): models fitted by `train` fold the user in \
    without retraining (solving for the user's factors, or through the item neighbourhood).
    `explain: contributions` names the user's own ratings that drove each recommendation \
    ("because you rated Heat 5★"), and with `tags` the tags the two movies share.
    """
    static let example = "model: svd\nuser: 1\nn: 5\nmovies: movies\nratings: ratings"
    static let produces: ValueKind? = nil
    static let schema: ParameterSchema<Self> = [
        .input(\.model, "model", kind: .model, doc: "The fitted model."),
        .parameter(\.user, "user", doc: "The user's id (for a new user, a label only)."),
        .parameter(\.given, "given", doc: "A new user's ratings, movieId: rating, folded into the model."),
        .parameter(\.givenFile, "given_file", doc: "A CSV file of a new user's ratings (movieId, rating columns)."),
        .input(\.tags, "tags", kind: .table, doc: "contributions: the tags table, to name tags a recommendation shares with the movies that drove it."),
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
        .input(\.content, "content", kind: .featureTable, doc: "dnn: score with this table's content features instead of those the network was trained with (the original recommended with unscaled ones)."),
    ]

    enum Exclusion: String, ChoiceParameter { case training, all }
    enum Explanation: String, ChoiceParameter {
        case original, similarLiked = "similar-liked", originalMixup = "original-mixup", contributions
    }

    var model = ValueRef()
    var user = 0
    var given = RatingPairs()
    var givenFile: FilePath? = nil
    var tags: ValueRef? = nil
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
    var content: ValueRef? = nil

    func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if !given.pairs.isEmpty, givenFile != nil {
            problems.append(ParameterProblem("given_file", "give a new user's ratings either in 'given' or in 'given_file', not both"))
        }
        if tags != nil, explain != .contributions {
            problems.append(ParameterProblem("tags", "'tags' applies to explain 'contributions' only"))
        }
        return problems
    }

    /// Whom to recommend for: a user the model knows, or a new one folded in from ratings.
    private enum Target {
        case known(index: Int)
        case new(ratings: [RatingPairs.Pair])
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        var fitted = try context.value(model, as: (any RecommenderModel).self)
        if let content {
            guard let neural = fitted as? NeuralModel else {
                throw StepError("'content' applies to the neural hybrid only; \(fitted.displayName) has no content input")
            }
            fitted = try neural.replacingContent(with: try context.value(content, as: FeatureTable.self))
        }
        let catalogue = try Catalogue(movies: context.frame(movies), ratings: context.frame(ratings))
        var newRatings = given.pairs
        if let givenFile { newRatings = try Self.readRatings(context.url(for: givenFile), context: context) }
        let target: Target
        if !newRatings.isEmpty {
            target = .new(ratings: newRatings)
        } else if let index = fitted.users.index(of: user) {
            target = .known(index: index)
        } else {
            context.print(heading(newUser: nil))
            context.print("User \(user) not in training set. (Cold-start user)")
            return nil
        }

        // Scores, and what may not be recommended.
        var scores: [Double]
        var excluded: Set<Int>
        var representation: UserRepresentation?
        switch target {
        case let .known(index):
            context.print(heading(newUser: nil))
            scores = fitted.scores(forUser: index)
            excluded = Set(fitted.trainingMovies(ofUser: index))
            if let learned = fitted as? LearnedModel { representation = try? learned.model.representation(ofUser: index) }
            if exclude == .all {
                for movie in catalogue.movies(ratedBy: user) { if let index = fitted.movies.index(of: movie) { excluded.insert(index) } }
            }
        case let .new(ratings):
            guard let learned = fitted as? LearnedModel else {
                throw StepError("folding in a new user needs a model fitted by `train` (not \(fitted.displayName))")
            }
            let known = ratings.compactMap { pair in fitted.movies.index(of: pair.movie).map { RatedItem(item: $0, rating: pair.rating) } }
            let unknown = ratings.filter { fitted.movies.index(of: $0.movie) == nil }.map(\.movie)
            guard !known.isEmpty else {
                throw StepError("none of the new user's \(ratings.count) movies is known to the model")
            }
            context.print(heading(newUser: ratings.count))
            if !unknown.isEmpty {
                context.print("(The model has never seen movie\(unknown.count == 1 ? "" : "s") \(unknown.map(String.init).joined(separator: ", ")); left out.)")
            }
            let folded = try learned.model.foldIn(known)
            representation = folded
            scores = learned.model.scores(for: folded)
            excluded = Set(known.map(\.item))
        }
        let catalogueSet = Set(fitted.catalogue)
        for index in 0..<fitted.movies.count where !catalogueSet.contains(index) { excluded.insert(index) }
        if minimumRatings > 0 {
            for index in 0..<fitted.movies.count where catalogue.count(of: fitted.movies.id(at: index)) < minimumRatings {
                excluded.insert(index)
            }
        }
        let ranked = Ranking.top(count, of: scores, excluding: excluded)

        // Explanations.
        let embeddings = (fitted as? any EmbeddingModel).map(CachedEmbeddings.init)
        if [.similarLiked, .originalMixup].contains(explain), embeddings == nil {
            throw StepError("explain '\(explain.rawValue)' needs a model with learned movie embeddings; \(fitted.displayName) has none")
        }
        if explain == .contributions, representation == nil {
            throw StepError("explain 'contributions' needs a model fitted by `train`; \(fitted.displayName) cannot split its scores by rating")
        }
        let likedMovies: [Int] = explain == .similarLiked
            ? catalogue.ratings(of: user).filter { $0.rating >= liked }.compactMap { fitted.movies.index(of: $0.movie) }
            : []
        let tagsByMovie = try tags.map { try Self.tagSets(context.frame($0)) } ?? [:]

        for index in ranked {
            let movieId = fitted.movies.id(at: index)
            let score = fitted.predictsRatings
                ? "Predicted Rating: \(Format.fixed(scores[index], 2))★"
                : "Score: \(Format.fixed(scores[index], 3))"
            context.print("Recommended: \"\(catalogue.title(of: movieId))\" | \(score)")
            switch explain {
            case .original:
                context.print("  Reason: Based on patterns learned from your past ratings and similar users/items.")
            case .similarLiked:
                guard let embeddings else { break }
                let nearest = Self.nearest(to: index, among: likedMovies, in: embeddings, count: reasons)
                if nearest.isEmpty {
                    context.print("  Reason: You have rated no movie \(Format.shortest(liked))★ or higher that the model knows.")
                } else {
                    let names = nearest.map { Self.pythonRepr(catalogue.title(of: fitted.movies.id(at: $0))) }
                    context.print("  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]")
                }
            case .originalMixup:
                guard let embeddings else { break }
                // The original: the five nearest of all movies (after the nearest, taken to be
                // the movie itself), their encoder indices then used as row positions in `movies`.
                let neighbours = Self.nearest(to: index, among: Array(0..<fitted.movies.count), in: embeddings, count: 5)
                let names = neighbours.map { Self.pythonRepr(catalogue.title(atRow: $0)) }
                context.print("  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]")
            case .contributions:
                guard let learned = fitted as? LearnedModel, let representation else { break }
                let drivers = learned.model.explain(item: index, for: representation, limit: reasons)
                if drivers.isEmpty {
                    context.print("  Because: it is popular with people whose ratings resemble yours (no single rating of yours drives it).")
                } else {
                    let named = drivers.map { "\(catalogue.title(of: fitted.movies.id(at: $0.item))) \(Format.shortest($0.rating))★" }
                    context.print("  Because you rated " + Self.naturalList(named) + ".")
                    let recommendedTags = tagsByMovie[movieId] ?? []
                    if !recommendedTags.isEmpty {
                        let shared = drivers.reduce(into: Set<String>()) { set, driver in
                            set.formUnion(recommendedTags.intersection(tagsByMovie[fitted.movies.id(at: driver.item)] ?? []))
                        }
                        if !shared.isEmpty { context.print("  Shared tags: " + shared.sorted().prefix(6).joined(separator: ", ") + ".") }
                    }
                }
            }
            if info {
                if let stats = catalogue.statistics(of: movieId) {
                    context.print("  (Info: \(stats.count) total ratings; average \(Format.fixed(stats.average, 2))★.)")
                } else {
                    context.print("  (Info: No existing ratings available for this movie.)")
                }
            }
            context.print()
        }
        return nil
    }

    private func heading(newUser ratings: Int?) -> String {
        if let ratings {
            return "Top \(count) recommendations for a new user who rated \(ratings) movie\(ratings == 1 ? "" : "s"):"
        }
        return title.replacingOccurrences(of: "{n}", with: String(count)).replacingOccurrences(of: "{user}", with: String(user))
    }

    /// A new user's ratings from a CSV file with movieId and rating columns.
    static func readRatings(_ url: URL, context: StepContext) throws -> [RatingPairs.Pair] {
        let frame = try CSVReader().read(contentsOf: url, file: url.lastPathComponent, columns: [
            CSVColumn("movieId", .int, allowsMissing: false), CSVColumn("rating", .double, allowsMissing: false),
        ])
        try context.recordRead(of: url)
        var seen = Set<Int>()
        return try zip(frame.ints("movieId"), frame.doubles("rating")).compactMap { movie, rating in
            seen.insert(movie).inserted ? RatingPairs.Pair(movie: movie, rating: rating) : nil
        }
    }

    /// Each movie's distinct tags, lowercased.
    static func tagSets(_ frame: DataFrame) throws -> [Int: Set<String>] {
        var sets: [Int: Set<String>] = [:]
        for (movie, tag) in zip(try frame.ints("movieId"), try frame.strings("tag")) {
            sets[movie, default: []].insert(tag.lowercased().trimmingCharacters(in: .whitespaces))
        }
        return sets
    }

    /// "A, B and C".
    static func naturalList(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

/// Titles, rating counts and averages, and each user's ratings, from the movies and ratings tables.
struct Catalogue {
    private var titles: [Int: String] = [:]
    private var titlesInOrder: [String]
    private var statisticsById: [Int: (count: Int, sum: Double)] = [:]
    private var ratingsByUser: [Int: [(movie: Int, rating: Double)]] = [:]

    init(movies: DataFrame, ratings: DataFrame) throws {
        titlesInOrder = try movies.strings("title")
        for (id, title) in zip(try movies.ints("movieId"), titlesInOrder) where titles[id] == nil { titles[id] = title }
        let users = try ratings.ints("userId"), movieIds = try ratings.ints("movieId"), values = try ratings.doubles("rating")
        for row in users.indices {
            statisticsById[movieIds[row], default: (0, 0)].count += 1
            statisticsById[movieIds[row], default: (0, 0)].sum += values[row]
            ratingsByUser[users[row], default: []].append((movieIds[row], values[row]))
        }
    }

    func title(of movie: Int) -> String { titles[movie] ?? "movie \(movie)" }
    /// The title on a row of the movies table, by position (as `movies.iloc[i]` reads it).
    func title(atRow row: Int) -> String { row >= 0 && row < titlesInOrder.count ? titlesInOrder[row] : "row \(row)" }
    func count(of movie: Int) -> Int { statisticsById[movie]?.count ?? 0 }
    func statistics(of movie: Int) -> (count: Int, average: Double)? {
        guard let stats = statisticsById[movie], stats.count > 0 else { return nil }
        return (stats.count, stats.sum / Double(stats.count))
    }
    func ratings(of user: Int) -> [(movie: Int, rating: Double)] { ratingsByUser[user] ?? [] }
    func movies(ratedBy user: Int) -> [Int] { ratings(of: user).map(\.movie) }
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
    /// equal scores keep index order (Learning's `topScoringItems`, which ranks NaN last).
    static func top(_ count: Int, of scores: [Double], excluding excluded: Set<Int> = []) -> [Int] {
        topScoringItems(scores, count: count, excluding: excluded).filter { !scores[$0].isNaN }
    }
}
