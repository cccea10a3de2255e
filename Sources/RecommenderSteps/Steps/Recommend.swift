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
        .parameter(\.count, "n", doc: "How many movies to recommend.", .inRange(1...10_000)),
        .input(\.movies, "movies", kind: .table, doc: "The movies table, for titles."),
        .input(\.ratings, "ratings", kind: .table, doc: "All ratings, for the Info line."),
        .parameter(\.exclude, "exclude", doc: "'training' leaves out what the user rated in the model's training data; 'all' what they rated anywhere in `ratings`."),
        .parameter(\.explain, "explain", doc: "'auto' gives the reason that fits the model: a popularity model's count of raters, the neural hybrid's liked movies nearest in its embedding space (as 'similar-liked'), any other model's generic line (as 'original'); 'original' prints the original SVD's generic reason line; 'similar-liked' names the movies the user rated at least `liked` that are nearest to the recommendation in the model's learned movie-embedding space; 'original-mixup' reproduces the original DNN's faulty reason (neighbours of the recommendation among all movies, titles looked up by position with encoder indices), for comparison."),
        .parameter(\.liked, "liked", doc: "similar-liked: the lowest rating that counts as liked.", .inRange(0.0...10.0)),
        .parameter(\.reasons, "reasons", doc: "similar-liked: how many liked movies to name.", .inRange(1...100)),
        .parameter(\.title, "title", doc: "The heading line; {n} and {user} are replaced."),
        .parameter(\.info, "info", doc: "Print the Info line (the movie's number of ratings and their average)."),
        .parameter(\.minimumRatings, "min_ratings", doc: "Only recommend movies with at least this many ratings in `ratings` (0 for no floor).", .inRange(0...1_000_000_000)),
        .input(\.content, "content", kind: .featureTable, doc: "dnn: score with this table's content features instead of those the network was trained with (the original recommended with unscaled ones)."),
    ]

    enum Exclusion: String, ChoiceParameter { case training, all }
    enum Explanation: String, ChoiceParameter {
        case auto, original, similarLiked = "similar-liked", originalMixup = "original-mixup", contributions
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
    var explain: Explanation = .auto
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

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let model = try scoringModel(context)
        let catalogue = try Catalogue(movies: context.frame(movies), ratings: context.frame(ratings))
        guard let target = try target(model, catalogue: catalogue, context: context) else {
            context.print(heading(newUser: nil))
            context.print("User \(user) not in training set. (Cold-start user)")
            return nil
        }
        let ranked = topScoringItems(target.scores, count: count, excluding: target.excluded)
        // Every explanation is made before anything is printed, so a model that cannot explain
        // fails the step cleanly.
        let explainer = try self.explainer(for: model, target: target, catalogue: catalogue, context: context)
        let reasons = try ranked.map { try explainer.reasons(for: $0) }
        context.print(heading(newUser: target.newRatings))
        if !target.unknownMovies.isEmpty {
            let plural = target.unknownMovies.count == 1 ? "" : "s"
            context.print("(The model has never seen movie\(plural) \(target.unknownMovies.map(String.init).joined(separator: ", ")); left out.)")
        }
        for (index, lines) in zip(ranked, reasons) {
            let movieId = model.items.id(at: index)
            let score = Self.scoreText(target.scores[index], model: model, scale: catalogue.ratingRange)
            context.print("Recommended: \"\(catalogue.title(of: movieId))\" | \(score)")
            for line in lines { context.print(line) }
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

    /// The model to score with: the bound one, or the neural hybrid with `content`'s features.
    private func scoringModel(_ context: StepContext) throws -> any Recommender {
        let fitted = try context.value(model, as: FittedModel.self)
        guard let content else { return fitted.model }
        guard let neural = fitted.model as? NeuralRatingModel else {
            throw StepError("'content' applies to the neural hybrid only; \(fitted.displayName) has no content input")
        }
        let table = try context.value(content, as: FeatureTable.self)
        let (columns, features) = try table.contentFeatures(for: neural.items)
        guard columns.count == neural.network.configuration.contentDimension else {
            throw StepError("the feature table has \(columns.count) content features; the network was trained with \(neural.network.configuration.contentDimension)")
        }
        return try neural.replacingContentFeatures(features)
    }

    /// Whom to recommend for, with the scores and what may not be recommended.
    struct Target {
        var representation: UserRepresentation
        var scores: [Double]
        var excluded: Set<Int>
        /// For a new user, how many ratings were given; nil for a known user.
        var newRatings: Int?
        /// A new user's movies the model has never seen.
        var unknownMovies: [Int] = []
    }

    /// The known user `user`, or a new user folded in from `given`/`given_file`; nil for a
    /// user the model does not know and who gave no ratings.
    private func target(_ model: any Recommender, catalogue: Catalogue, context: StepContext) throws -> Target? {
        var newRatings = given.pairs
        if let givenFile { newRatings = try Self.readRatings(context.url(for: givenFile), context: context) }
        var target: Target
        if !newRatings.isEmpty {
            target = try Self.newUser(newRatings, model: model)
        } else if let index = model.users.index(of: user) {
            let representation = try model.representation(ofUser: index)
            target = Target(representation: representation, scores: try model.scores(for: representation),
                            excluded: Set(representation.history.map(\.item)))
            if exclude == .all {
                for movie in catalogue.movies(ratedBy: user) { if let index = model.items.index(of: movie) { target.excluded.insert(index) } }
            }
        } else {
            return nil
        }
        let inCatalogue = model.trainingCounts
        for index in inCatalogue.indices where inCatalogue[index] == 0 { target.excluded.insert(index) }
        if minimumRatings > 0 {
            for index in 0..<model.items.count where catalogue.count(of: model.items.id(at: index)) < minimumRatings {
                target.excluded.insert(index)
            }
        }
        return target
    }

    /// A new user folded into the model from their ratings of movies it knows.
    private static func newUser(_ ratings: [RatingPairs.Pair], model: any Recommender) throws -> Target {
        let known = ratings.compactMap { pair in model.items.index(of: pair.movie).map { RatedItem(item: $0, rating: pair.rating) } }
        guard !known.isEmpty else {
            throw StepError("none of the new user's \(ratings.count) movies is known to the model")
        }
        let folded = try model.foldIn(known)
        return Target(
            representation: folded, scores: try model.scores(for: folded), excluded: Set(known.map(\.item)),
            newRatings: ratings.count, unknownMovies: ratings.filter { model.items.index(of: $0.movie) == nil }.map(\.movie))
    }

    /// The explainer for `explain`; `auto` picks the one that fits the model.
    private func explainer(for model: any Recommender, target: Target, catalogue: Catalogue, context: StepContext) throws -> any RecommendationExplainer {
        var explain = self.explain
        if let popularity = model as? PopularityModel, explain == .auto || explain == .contributions {
            return PopularityReason(model: popularity)
        }
        if explain == .auto { explain = model is any EmbeddingModel ? .similarLiked : .original }
        switch explain {
        case .auto, .original:
            return OriginalReason()
        case .similarLiked, .originalMixup:
            guard let embeddings = model as? any EmbeddingModel else {
                throw StepError("explain '\(explain.rawValue)' needs a model with learned movie embeddings; this model has none")
            }
            let vectors = CachedEmbeddings(embeddings)
            if explain == .originalMixup { return OriginalMixupReason(embeddings: vectors, itemCount: model.items.count, catalogue: catalogue) }
            let likedMovies = catalogue.ratings(of: user).filter { $0.rating >= liked }.compactMap { model.items.index(of: $0.movie) }
            return SimilarLikedReason(embeddings: vectors, likedMovies: likedMovies, count: reasons, liked: liked,
                                      titles: { catalogue.title(of: model.items.id(at: $0)) })
        case .contributions:
            let tagsByMovie = try tags.map { try Self.tagSets(context.frame($0)) } ?? [:]
            return ContributionReason(model: model, representation: target.representation, count: reasons,
                                      tagsByMovie: tagsByMovie, catalogue: catalogue)
        }
    }

    /// The score as a reader should read it: a rating model's prediction in stars, shown within
    /// the rating scale with the raw prediction beside it when it falls outside; a popularity
    /// model's count of training ratings; any other model's score, said to be no rating.
    static func scoreText(_ score: Double, model: any Recommender, scale: ClosedRange<Double>?) -> String {
        if let popularity = model as? PopularityModel {
            let counted = popularity.configuration.minimumRating.map { " of \(stars($0))★ or more" } ?? ""
            return "Score: \(Format.fixed(score, 0)) training rating\(score == 1 ? "" : "s")\(counted)"
        }
        guard model is any RatingPredictor else {
            return "Score: \(Format.fixed(score, 3)) (the model's ranking score, not a rating)"
        }
        guard let scale, score.isFinite, !scale.contains(score) else {
            return "Predicted Rating: \(Format.fixed(score, 2))★"
        }
        let shown = min(max(score, scale.lowerBound), scale.upperBound)
        let side = score > scale.upperBound ? "above" : "below"
        return "Predicted Rating: \(Format.fixed(shown, 2))★ (raw prediction \(Format.fixed(score, 2)), \(side) the "
            + "\(stars(scale.lowerBound))–\(stars(scale.upperBound))★ scale)"
    }

    /// A number of stars as a reader writes it: 4, 0.5.
    static func stars(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : Format.shortest(value)
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
    /// The lowest and highest rating in the ratings table: the scale predictions are shown on.
    private(set) var ratingRange: ClosedRange<Double>?

    init(movies: DataFrame, ratings: DataFrame) throws {
        titlesInOrder = try movies.strings("title")
        for (id, title) in zip(try movies.ints("movieId"), titlesInOrder) where titles[id] == nil { titles[id] = title }
        let users = try ratings.ints("userId"), movieIds = try ratings.ints("movieId"), values = try ratings.doubles("rating")
        for row in users.indices {
            statisticsById[movieIds[row], default: (0, 0)].count += 1
            statisticsById[movieIds[row], default: (0, 0)].sum += values[row]
            ratingsByUser[users[row], default: []].append((movieIds[row], values[row]))
        }
        if let lowest = values.min(), let highest = values.max(), lowest.isFinite, highest.isFinite { ratingRange = lowest...highest }
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
