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
        .parameter(\.explain, "explain", doc: "'original' prints the original's reason line."),
    ]

    enum Exclusion: String, ChoiceParameter { case training, all }
    enum Explanation: String, ChoiceParameter { case original }

    var model = ValueRef()
    var user = 0
    var count = 5
    var movies = ValueRef()
    var ratings = ValueRef()
    var exclude: Exclusion = .training
    var explain: Explanation = .original

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let fitted = try context.value(model, as: (any RecommenderModel).self)
        let movieTable = try context.value(movies, as: DataFrame.self)
        let ratingTable = try context.value(ratings, as: DataFrame.self)

        context.print("Top \(count) recommendations for User \(user):")
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
        let scores = fitted.scores(forUser: userIndex)
        let ranked = Ranking.top(count, of: scores, excluding: excluded)

        let titles = Dictionary(
            zip(try movieTable.ints("movieId"), try movieTable.strings("title")), uniquingKeysWith: { first, _ in first }
        )
        let wanted = Set(ranked.map { fitted.movies.id(at: $0) })
        var statistics: [Int: (count: Int, sum: Double)] = [:]
        for row in ratedMovies.indices where wanted.contains(ratedMovies[row]) {
            statistics[ratedMovies[row], default: (0, 0)].count += 1
            statistics[ratedMovies[row], default: (0, 0)].sum += ratingValues[row]
        }
        for index in ranked {
            let movieId = fitted.movies.id(at: index)
            let title = titles[movieId] ?? "movie \(movieId)"
            context.print("Recommended: \"\(title)\" | Predicted Rating: \(Format.fixed(scores[index], 2))★")
            context.print("  Reason: Based on patterns learned from your past ratings and similar users/items.")
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
